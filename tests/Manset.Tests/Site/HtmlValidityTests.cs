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
        var tool = Path.Combine(Repository.Root(), "tools", "html-validate");
        var validator = Path.Combine(tool, "node_modules", ".bin", "html-validate");
        if (!File.Exists(validator))
        {
            var problem = $"html-validate is not installed ({validator}); run: npm ci --prefix tools/html-validate";
            if (Postgres.InCi) throw new InvalidOperationException("CI=true but " + problem);
            TestContext.Current.SendDiagnosticMessage("SKIP {0}: {1}", nameof(Public_pages_are_valid_accessible_html), problem);
            Assert.Skip(problem);
        }

        var app = await fixture.AppAsync();
        var reader = app.Reader();
        var home = await (await reader.GetAsync("/")).Content.ReadAsStringAsync();
        var article = Article().Matches(home).Select(m => m.Groups[1].Value).First(u => !u.StartsWith("/video/", StringComparison.Ordinal));
        var video = Regex.Match(await (await reader.GetAsync("/video")).Content.ReadAsStringAsync(), "href=\"(/video/[a-z0-9-]+-[0-9]+)\"").Groups[1].Value;
        var pages = new[] { "/", "/gundem", "/spor", article, "/etiket/eskisehir", "/yazar/elif-karaca", "/video", video, "/son-dakika", "/kunye", "/iletisim", "/gizlilik", "/boyle-bir-sayfa-yok", "/giris" };

        var folder = Path.Combine(app.DataDirectory, "html");
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        for (var i = 0; i < pages.Length; i++)
        {
            var file = Path.Combine(folder, $"{i:00}-{pages[i].Trim('/').Replace('/', '_')}.html".Replace("-.html", "-home.html", StringComparison.Ordinal));
            await File.WriteAllTextAsync(file, await (await reader.GetAsync(pages[i])).Content.ReadAsStringAsync());
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
