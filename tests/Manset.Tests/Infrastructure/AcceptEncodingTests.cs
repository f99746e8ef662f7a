using System.IO.Compression;
using System.Net;
using Manset.Tests.Support;
using Manset.Web.Infrastructure;

namespace Manset.Tests.Infrastructure;

public class AcceptEncodingTests
{
    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0.5, gzip;q=0.9", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("*", "br")]
    [InlineData("gzip;q=0, br;q=0", null)]
    [InlineData("identity", null)]
    [InlineData("deflate", null)]
    [InlineData("", null)]
    [InlineData("br;q=abc, gzip", "gzip")]
    public void Chooses_what_the_compression_middleware_would(string header, string? expected) =>
        Assert.Equal(expected, AcceptEncoding.Choose(header));

    [Fact]
    public async Task Cached_pages_are_served_in_the_encoding_each_client_asked_for()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var api = await app.ApiClientAsync();
        var category = await Json.CategoryAsync(api);
        var url = (string)(await Json.ArticleAsync(api, new { title = "Sıkıştırma denemesi", category, status = "published", body = "<p>" + string.Concat(Enumerable.Repeat("Metin ", 400)) + "</p>" }))["url"]!;
        var reader = app.Reader();

        async Task<(string? Encoding, string Html)> Get(string? acceptEncoding)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            var response = await reader.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
            var raw = await response.Content.ReadAsStreamAsync();
            Stream body = encoding switch
            {
                "br" => new BrotliStream(raw, CompressionMode.Decompress),
                "gzip" => new GZipStream(raw, CompressionMode.Decompress),
                _ => raw,
            };
            return (encoding, await new StreamReader(body).ReadToEndAsync());
        }

        for (var round = 0; round < 2; round++) // the second round comes from the cache
        {
            var br = await Get("gzip, deflate, br");
            var gzip = await Get("gzip");
            var plain = await Get(null);
            Assert.Equal("br", br.Encoding);
            Assert.Equal("gzip", gzip.Encoding);
            Assert.Null(plain.Encoding);
            Assert.Equal(plain.Html, br.Html);
            Assert.Equal(plain.Html, gzip.Html);
            Assert.Contains("Sıkıştırma denemesi", plain.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_login_page_is_never_compressed()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var request = new HttpRequestMessage(HttpMethod.Get, "/giris");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        var response = await app.Reader().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }
}
