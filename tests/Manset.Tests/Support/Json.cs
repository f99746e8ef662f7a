using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Manset.Tests.Support;

public static class Json
{
    public static StringContent Body(object value) =>
        new(JsonSerializer.Serialize(value, new JsonSerializerOptions(JsonSerializerDefaults.Web)), Encoding.UTF8, "application/json");

    public static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty JSON");

    /// <summary>A category for one test, with a unique slug so tests sharing an app never collide.</summary>
    public static async Task<string> CategoryAsync(HttpClient api, string name = "Test")
    {
        var slug = "k" + Guid.NewGuid().ToString("N")[..10];
        var response = await api.PostAsync("/api/v1/categories", Body(new { name, slug }));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return slug;
    }

    public static async Task<JsonNode> ArticleAsync(HttpClient api, object body)
    {
        var response = await api.PostAsync("/api/v1/articles", Body(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<T?> GetAsync<T>(HttpClient client, string url) => await client.GetFromJsonAsync<T>(url);
}
