using System.Diagnostics;
using System.Text.RegularExpressions;
using Manset.Tests.Support;

namespace Manset.Tests.Site;

/// <summary>
/// Every public page type, checked by an independent validator (html-validate: conformance, accessibility and
/// document rules; SRI is off because every script and stylesheet is same-origin). The validator is a pinned npm
/// package in tools/html-validate, installed by `npm ci --prefix tools/html-validate` (.ci/run does it).
/// </summary>
public partial class HtmlValidityTests(SqliteDemoApp fixture) : IClassFixture<SqliteDemoApp>
{
    [GeneratedRegex("href=\"(/[a-z0-9-]+/[a-z0-9-]+-[0-9]+)\"")]
    private static partial Regex Article();

    [Fact]
    public async Task Public_pages_are_valid_accessible_html()
    {
        var validator = Validator();
        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var home = await (await reader.GetAsync("/")).Content.ReadAsStringAsync();
        var article = Article().Matches(home).Select(m => m.Groups[1].Value).First(u => !u.StartsWith("/video/", StringComparison.Ordinal));
        var video = Regex.Match(await (await reader.GetAsync("/video")).Content.ReadAsStringAsync(), "href=\"(/video/[a-z0-9-]+-[0-9]+)\"").Groups[1].Value;
        var pages = new[] { "/", "/gundem", "/spor", article, "/etiket/eskisehir", "/yazar/elif-karaca", "/video", video, "/son-dakika", "/kunye", "/iletisim", "/gizlilik", "/boyle-bir-sayfa-yok", "/giris", "/giris/sifremi-unuttum", "/giris/yetki-yok",
            "/arama", "/arama?q=eskisehir", "/arama?q=zzzyok" };
        await ValidateAsync(validator, app, "site", reader, pages);
    }

    [Fact]
    public async Task Newsroom_pages_are_valid_accessible_html()
    {
        var validator = Validator();
        var app = await fixture.AppAsync();
        using var admin = await app.NewsroomClientAsync("yonetici");
        var list = await (await admin.GetAsync("/yonetim/haberler")).Content.ReadAsStringAsync();
        var edit = Regex.Match(list, "href=\"(/yonetim/haberler/[0-9]+)\"").Groups[1].Value;
        // A second version, so that the versions page shows its restore buttons too.
        var api = await app.ApiClientAsync();
        var id = edit.Split('/')[^1];
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.PutAsync($"/api/v1/articles/{id}", Json.Body(new { spot = "Düzeltilmiş spot." }))).StatusCode);
        var pages = Newsroom.NewsroomPagesTests.Screens.Select(row => (string)row.Data.Item1)
            .Concat([edit, edit + "/onizleme", edit + "/surumler"]).ToArray();
        await ValidateAsync(validator, app, "yonetim", admin.Http, pages);
    }

    /// <summary>The validator's path, or a skip (locally) / failure (CI) naming the command that installs it.</summary>
    internal static string Validator()
    {
        var validator = Path.Combine(Repository.Root(), "tools", "html-validate", "node_modules", ".bin", "html-validate");
        if (File.Exists(validator)) return validator;
        var problem = $"html-validate is not installed ({validator}); run: npm ci --prefix tools/html-validate";
        if (Postgres.InCi) throw new InvalidOperationException("CI=true but " + problem);
        TestContext.Current.SendDiagnosticMessage("SKIP {0}: {1}", TestContext.Current.Test?.TestDisplayName ?? "", problem);
        Assert.Skip(problem);
        return "";
    }

    internal static async Task ValidateAsync(string validator, TestApp app, string name, HttpClient client, string[] pages)
    {
        var tool = Path.Combine(Repository.Root(), "tools", "html-validate");
        var folder = Path.Combine(app.DataDirectory, "html-" + name);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        for (var i = 0; i < pages.Length; i++)
        {
            var file = Path.Combine(folder, $"{i:00}-{pages[i].Trim('/').Replace('/', '_')}.html".Replace("-.html", "-home.html", StringComparison.Ordinal));
            await File.WriteAllTextAsync(file, await (await client.GetAsync(pages[i])).Content.ReadAsStringAsync());
            files.Add(file);
        }

        var start = new ProcessStartInfo(validator) { WorkingDirectory = tool, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--formatter=text");
        start.ArgumentList.Add("--config=" + Path.Combine(tool, ".htmlvalidate.json"));
        foreach (var f in files) start.ArgumentList.Add(f);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "html-validate found problems:\n" + output);
    }
}
