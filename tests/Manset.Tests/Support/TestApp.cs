using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Manset.Data.Postgres;
using Manset.Web.Cli;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Support;

public enum Db { Sqlite, Postgres }

/// <summary>
/// The real site in memory (WebApplicationFactory over Program), on a fresh data directory and a fresh database:
/// SQLite in a temp folder, or a new PostgreSQL database migrated by the same code as <c>db migrate</c>.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    readonly Dictionary<string, string?> _settings;
    readonly string? _postgres;

    readonly Action<IServiceCollection>? _services;

    TestApp(Dictionary<string, string?> settings, string dataDirectory, string? postgres, FakeTimeProvider? clock, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        DataDirectory = dataDirectory;
        _postgres = postgres;
        Clock = clock;
        _services = services;
    }

    public string DataDirectory { get; }
    public FakeTimeProvider? Clock { get; }
    public Db Database => _postgres is null ? Db.Sqlite : Db.Postgres;
    /// <summary>The PostgreSQL database of this app, when it runs on one.</summary>
    public string? PostgresConnection => _postgres;
    /// <summary>The configuration this app was started with (for a second process over the same data).</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>Keep the data (directory and database) when this app is disposed, for a restart over it.</summary>
    public bool KeepData { get; set; }

    /// <summary>A second app over this one's data directory and database, as after a restart of the site.</summary>
    public async Task<TestApp> RestartAsync()
    {
        KeepData = true;
        await DisposeAsync();
        var app = new TestApp(new Dictionary<string, string?>(_settings), DataDirectory, _postgres, Clock, _services);
        _ = app.Server;
        return app;
    }

    /// <summary>Set to <c>true</c>: every test app runs on PostgreSQL (and Redis, when the tests have one).</summary>
    public const string AllOnPostgres = "MANSET_TEST_ALL_ON_POSTGRES";

    /// <summary>For a test of SQLite itself (its file, its backup): nothing to check in the pass that runs everything on PostgreSQL.</summary>
    public static void SkipWhenAllOnPostgres() =>
        Assert.SkipWhen(string.Equals(Environment.GetEnvironmentVariable(AllOnPostgres), "true", StringComparison.OrdinalIgnoreCase),
            "a check of SQLite itself; this pass runs every test app on PostgreSQL (the PostgreSQL side has its own test)");

    public static async Task<TestApp> StartAsync(Db db, bool demo = false, FakeTimeProvider? clock = null, Action<Dictionary<string, string?>>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        // The second CI pass: every test app, SQLite ones included, on PostgreSQL (+ Redis), the several-node configuration.
        if (db == Db.Sqlite && string.Equals(Environment.GetEnvironmentVariable(AllOnPostgres), "true", StringComparison.OrdinalIgnoreCase)) db = Db.Postgres;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "manset-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var settings = new Dictionary<string, string?>
        {
            ["Manset:DataDirectory"] = dataDirectory,
            ["Manset:DemoContent"] = demo ? "true" : "false",
            ["Manset:Site:BaseUrl"] = "http://manset.test",
            ["Manset:Publishing:SchedulerSeconds"] = "3600",
            // Tests flush views and refresh the most-read lists themselves, when they choose.
            ["Manset:Engagement:ViewFlushSeconds"] = "3600",
            // Every test signs in; the login limit has its own test.
            ["Manset:Newsroom:LoginsPerAddressPerMinute"] = "100000",
            ["Manset:Engagement:MostReadRefreshSeconds"] = "3600",
            // Wire tests pull when they choose (the scheduler has its own test).
            ["Manset:Wires:AutoPull"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        string? postgres = null;
        if (db == Db.Postgres)
        {
            postgres = await Postgres.CreateDatabaseAsync();
            settings["ConnectionStrings:Postgres"] = postgres;
            await using var context = new PostgresMansetDb(new DbContextOptionsBuilder<PostgresMansetDb>().UseNpgsql(postgres).Options);
            await context.Database.MigrateAsync();
            // The several-node configuration: PostgreSQL and Redis (when the tests have a Redis).
            if (await Redis.ForAppAsync() is { } redis)
            {
                settings["ConnectionStrings:Redis"] = redis;
                settings["Manset:Redis:KeyPrefix"] = Redis.NewPrefix();
            }
        }
        configure?.Invoke(settings);
        var app = new TestApp(settings, dataDirectory, postgres, clock, services);
        _ = app.Server; // start now: migrations, roles, demo content
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null) services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    /// <summary>
    /// A reader with a browser's manners: a browser user agent, the reader cookie from the view beacon, and the
    /// Origin and Sec-Fetch-Site headers a browser sends with a same-origin post.
    /// </summary>
    public async Task<HttpClient> BrowserReaderAsync(string? articlePath = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36");
        client.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        if (articlePath is not null) Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(articlePath)).StatusCode);
        var beacon = await client.GetAsync("/okunma");
        Assert.Equal(System.Net.HttpStatusCode.OK, beacon.StatusCode);
        return client;
    }

    /// <summary>A reader's browser: no cookies carried over, redirects not followed (tests look at 301s).</summary>
    public HttpClient Reader() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Runs a command-line verb in-process, as the operator would; returns exit code and output.</summary>
    public async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Creates a newsroom user with a role and an API token; returns a client that sends the token.</summary>
    public async Task<HttpClient> ApiClientAsync(string role = "yonetici")
    {
        var email = $"{role}-{Guid.NewGuid():N}@manset.test";
        var created = await RunAsync("admin", "create", "--email", email, "--password", "Test-Parola-2026!", "--name", $"Test {role}", "--role", role);
        Assert.Equal(0, created.Code);
        var token = await RunAsync("token", "create", "--email", email, "--name", "test");
        Assert.Equal(0, token.Code);
        var client = Reader();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Output.Trim().Split('\n')[^1].Trim());
        return client;
    }

    /// <summary>A newsroom user of the given role, signed in through the real login form (cookies kept).</summary>
    public async Task<NewsroomClient> NewsroomClientAsync(string role = "editor", string? name = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@manset.test";
        const string password = "Test-Parola-2026!";
        Assert.Equal(0, (await RunAsync("admin", "create", "--email", email, "--password", password, "--name", name ?? $"Test {role}", "--role", role)).Code);
        var client = new NewsroomClient(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), email, password);
        var login = await client.PostFormAsync("/giris", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (KeepData) return;
        if (_postgres is not null) await Postgres.DropDatabaseAsync(_postgres);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request; the temp folder is cleaned by the OS.
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>A browser-like client of the newsroom: cookies, and forms posted with the page's antiforgery token.</summary>
public sealed class NewsroomClient(HttpClient http, string email, string password) : IDisposable
{
    public HttpClient Http => http;
    public string Email => email;
    public string Password => password;

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(url);

    /// <summary>Loads the page the form is on (for its antiforgery token), then posts the fields.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? pageUrl = null) =>
        PostFieldsAsync(url, fields, pageUrl);

    /// <summary>The same, for forms that post one name several times (an ordered list of ids).</summary>
    public async Task<HttpResponseMessage> PostFieldsAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? pageUrl = null)
    {
        var page = await http.GetAsync(pageUrl ?? url.Split('?')[0]);
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        if (token.Length == 0) token = System.Text.RegularExpressions.Regex.Match(html, "<meta name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await http.PostAsync(url, content);
    }

    public async Task<HttpResponseMessage> PostMultipartAsync(string url, MultipartFormDataContent content, string? pageUrl = null)
    {
        var html = await (await http.GetAsync(pageUrl ?? url.Split('?')[0])).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await http.PostAsync(url, content);
    }

    public void Dispose() => http.Dispose();
}

/// <summary>One app shared by the tests of a class, on the database the class names.</summary>
public abstract class AppFixture(Db db, bool demo = false) : IAsyncLifetime
{
    TestApp? _app;
    Exception? _failure;

    public Db Database => db;

    public async Task<TestApp> AppAsync()
    {
        if (db == Db.Postgres) await Postgres.RequireAsync();
        if (_failure is not null) throw new InvalidOperationException("The test app did not start.", _failure);
        return _app!;
    }

    public async ValueTask InitializeAsync()
    {
        if (db == Db.Postgres && Postgres.ConnectionString is null && !Postgres.InCi) return;
        try
        {
            _app = await TestApp.StartAsync(db, demo);
        }
        catch (Exception e)
        {
            _failure = e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : AppFixture(Db.Sqlite);
public sealed class PostgresApp() : AppFixture(Db.Postgres);

public sealed class SqliteDemoApp() : AppFixture(Db.Sqlite, demo: true);
public sealed class PostgresDemoApp() : AppFixture(Db.Postgres, demo: true);
