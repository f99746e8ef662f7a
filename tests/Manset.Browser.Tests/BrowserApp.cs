using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Manset.Web.Cli;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Manset.Browser.Tests;

/// <summary>
/// The site on a real Kestrel server on 127.0.0.1 (demo newspaper, SQLite in a temp folder), and Debian's
/// Chromium driven by Playwright. Without Chromium the tests skip and say why; with CI=true they fail.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    readonly string _data = Path.Combine(Path.GetTempPath(), "manset-browser-tests", Guid.NewGuid().ToString("N"));
    IPlaywright? _playwright;
    StandInAgency? _agency;

    public IBrowser? Browser { get; private set; }
    public string BaseUrl { get; private set; } = "";
    public string? Problem { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Manset:DataDirectory", _data);
        builder.UseSetting("Manset:DemoContent", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Manset:Engagement:RepeatGraceSeconds", "1");
        // The wire desk's source: the stand-in İHA, pulled by the background scheduler as in production.
        builder.UseSetting("Manset:Wires:Sources:0:Name", "iha");
        builder.UseSetting("Manset:Wires:Sources:0:Type", "iha");
        builder.UseSetting("Manset:Wires:Sources:0:Url", _agency?.FeedUrl ?? "http://127.0.0.1:9/iha/rss");
        builder.UseSetting("Manset:Wires:Sources:0:UserCode", "KOD-4410");
        builder.UseSetting("Manset:Wires:Sources:0:UserName", "manset_abone");
        builder.UseSetting("Manset:Wires:Sources:0:Password", "Tarayici-Ajans-Parola");
        builder.UseSetting("Manset:Wires:Sources:0:DefaultCategory", "gundem");
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Problem = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium)";
            return;
        }
        _agency = await StandInAgency.StartAsync();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>Skips (locally) or fails (CI=true) when there is no browser.</summary>
    public void Require()
    {
        if (Problem is null) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"CI=true but {Problem}");
        TestContext.Current.SendDiagnosticMessage("SKIP {0}: {1}", TestContext.Current.Test?.TestDisplayName ?? "test setup", Problem);
        Assert.Skip(Problem);
    }

    public const string Password = "Tarayici-Parola-2026!";

    /// <summary>A newsroom user made with the command line, as an administrator would.</summary>
    public async Task<string> UserAsync(string role, string name)
    {
        var email = $"{role}-{Guid.NewGuid():N}@manset.test";
        var output = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(Services, ["admin", "create", "--email", email, "--password", Password, "--name", name, "--role", role], output, output));
        return email;
    }

    /// <summary>A browser page signed in through "Giriş Yap" on the public site, on the dashboard.</summary>
    public async Task<IPage> SignInAsync(string email, int width = 1280, int height = 900)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "tr-TR",
            TimezoneId = "Europe/Istanbul",
            ReducedMotion = ReducedMotion.Reduce,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Giriş Yap" }).First.ClickAsync();
        await page.GetByLabel("E-posta").FillAsync(email);
        await page.GetByLabel("Parola").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Giriş Yap" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/yonetim$"));
        return page;
    }

    /// <summary>Posts an article through the content API as an editor would, with a fresh token.</summary>
    public async Task<string> PublishAsync(object article)
    {
        var email = $"tarayici-{Guid.NewGuid():N}@manset.test";
        await using var scope = Services.CreateAsyncScope();
        var output = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(Services, ["admin", "create", "--email", email, "--password", "Tarayici-Parola-2026!", "--name", "Selin Öztürk", "--role", "editor"], output, output));
        var tokenOutput = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(Services, ["token", "create", "--email", email, "--name", "tarayici"], tokenOutput, output));
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokenOutput.ToString().Trim().Split('\n')[^1].Trim());
        var response = await http.PostAsync("/api/v1/articles",
            new StringContent(JsonSerializer.Serialize(article), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (string)JsonNode.Parse(body)!["url"]!;
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        if (_agency is not null) await _agency.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
