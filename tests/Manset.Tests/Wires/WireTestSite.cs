using Manset.Data;
using Manset.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Wires;

/// <summary>
/// The site with agency sources pointing at a stand-in agency, the usual categories, and a clock the test moves
/// (İHA wants 30 s between requests; the tests do not wait for it).
/// </summary>
public sealed class WireTestSite : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 18, 0, 0, TimeSpan.FromHours(3));

    WireTestSite(TestApp app, AgencyServer agency, FakeTimeProvider? clock, LogCapture logs, HttpClient api)
    {
        App = app;
        Agency = agency;
        Clock = clock;
        Logs = logs;
        Api = api;
    }

    public TestApp App { get; }
    public AgencyServer Agency { get; }
    public FakeTimeProvider? Clock { get; }
    public LogCapture Logs { get; }
    /// <summary>An administrator's API client.</summary>
    public HttpClient Api { get; }

    public static async Task<WireTestSite> StartAsync(Action<AgencyServer, Dictionary<string, string?>> sources, Db db = Db.Sqlite, bool fakeClock = true,
        Action<Dictionary<string, string?>>? settings = null)
    {
        var agency = await AgencyServer.StartAsync();
        var clock = fakeClock ? new FakeTimeProvider(Start) : null;
        var logs = new LogCapture();
        var app = await TestApp.StartAsync(db, clock: clock, configure: s =>
        {
            sources(agency, s);
            settings?.Invoke(s);
        }, services: services => services.AddSingleton<ILoggerProvider>(logs));
        var api = await app.ApiClientAsync();
        foreach (var (slug, name) in new[] { ("gundem", "Gündem"), ("spor", "Spor"), ("ekonomi", "Ekonomi"), ("yerel", "Yerel"), ("kultur-sanat", "Kültür-Sanat"), ("dunya", "Dünya") })
        {
            var created = await api.PostAsync("/api/v1/categories", Json.Body(new { name, slug }));
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }
        return new WireTestSite(app, agency, clock, logs, api);
    }

    /// <summary>Settings for one source: <c>Manset:Wires:Sources:{index}:*</c>.</summary>
    public static void Source(Dictionary<string, string?> settings, int index, string name, string type, string url, string mode = "draft",
        string? defaultCategory = "gundem", params (string Key, string Value)[] extra)
    {
        var prefix = $"Manset:Wires:Sources:{index}:";
        settings[prefix + "Name"] = name;
        settings[prefix + "Type"] = type;
        settings[prefix + "Url"] = url;
        settings[prefix + "Mode"] = mode;
        settings[prefix + "IntervalSeconds"] = "60";
        if (defaultCategory is not null) settings[prefix + "DefaultCategory"] = defaultCategory;
        foreach (var (key, value) in extra) settings[prefix + key] = value;
    }

    /// <summary><c>wires pull</c> as the operator runs it, after moving the clock past the agency's spacing.</summary>
    public async Task<(int Code, string Output, string Error)> PullAsync(string? source = null)
    {
        Clock?.Advance(TimeSpan.FromSeconds(31));
        return await App.RunAsync(source is null ? ["wires", "pull"] : ["wires", "pull", "--source", source]);
    }

    public static string Summary(string output) => output.Trim().Split('\n')[^1].Trim();

    public async Task<T> QueryAsync<T>(Func<MansetDb, Task<T>> query)
    {
        using var scope = App.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<MansetDb>());
    }

    public Task<WireItem> ItemAsync(string agencyId) =>
        QueryAsync(db => db.WireItems.AsNoTracking().Include(i => i.Media).SingleAsync(i => i.AgencyId == agencyId));

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Agency.DisposeAsync();
    }
}
