using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Manset.Browser.Tests;

/// <summary>
/// The demo site's home, article, category, search and video pages, checked by two independent tools:
/// axe-core (WCAG 2.1 A/AA and best practices) run inside Chromium at a phone and a desktop viewport, and the
/// Nu Html Checker (vnu.jar on Debian's Java) over the HTML the server sends. Both are pinned npm packages in
/// tools/page-quality, installed by `npm ci --prefix tools/page-quality --ignore-scripts` (.ci/run does it).
/// Lighthouse scores for the same pages come from bench/lighthouse.sh (docs/page-quality.md).
/// </summary>
public sealed partial class PageQualityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    public static readonly string[] Pages = ["home", "article", "category", "search", "video"];

    static readonly string[] AxeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

    public static TheoryData<string, int, int> PagesAndViewports()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var page in Pages)
        {
            data.Add(page, 412, 823);   // a phone (Lighthouse's mobile viewport)
            data.Add(page, 1280, 900);  // a desktop
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndViewports))]
    public async Task Axe_finds_no_violations(string name, int width, int height)
    {
        app.Require();
        var axe = Tool("axe-core", "node_modules", "axe-core", "axe.min.js");
        var url = await UrlAsync(name);
        var context = await app.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "tr-TR",
            TimezoneId = "Europe/Istanbul",
            ReducedMotion = ReducedMotion.Reduce,
            // axe-core goes in as an inline <script>, which the site's policy refuses (script-src 'self'): the tool's
            // own script, not the page's. ContentSecurityPolicyTests checks the pages under the policy.
            BypassCSP = true,
        });
        try
        {
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync(app.BaseUrl + url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            Assert.Equal(200, response!.Status);
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = await File.ReadAllTextAsync(axe) });
            var violations = await page.EvaluateAsync<JsonElement>(
                """
                async tags => {
                  const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                  return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' '))
                  }));
                }
                """, AxeTags);
            var report = new StringBuilder();
            foreach (var v in violations.EnumerateArray())
            {
                report.Append(CultureInfoInvariant($"- {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()}\n"));
                foreach (var node in v.GetProperty("nodes").EnumerateArray())
                    report.Append("    ").Append(node.GetString()).Append('\n');
            }
            Assert.True(violations.GetArrayLength() == 0,
                $"axe-core found {violations.GetArrayLength()} violation(s) on {name} ({url}) at {width}×{height}:\n{report}");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_Nu_Html_Checker_finds_no_errors()
    {
        app.Require();
        var jar = Tool("the Nu Html Checker", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        var java = Java();
        var folder = Path.Combine(Path.GetTempPath(), "manset-page-quality", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in Pages)
            {
                var url = await UrlAsync(name);
                using var response = await http.GetAsync(url);
                Assert.True(response.IsSuccessStatusCode, $"{name} ({url}): {(int)response.StatusCode}");
                var file = Path.Combine(folder, name + ".html");
                await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
                files[file] = $"{name} ({url})";
            }

            var start = new ProcessStartInfo(java) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always" }) start.ArgumentList.Add(a);
            foreach (var f in files.Keys) start.ArgumentList.Add(f);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var json = (await stdout).Trim().Length > 0 ? await stdout : stderr;  // vnu writes its JSON report to stderr
            Assert.True(process.ExitCode == 0, $"vnu.jar exited with {process.ExitCode}:\n{stderr}");

            using var doc = JsonDocument.Parse(json);
            var report = new StringBuilder();
            var count = 0;
            foreach (var m in doc.RootElement.GetProperty("messages").EnumerateArray())
            {
                var type = m.GetProperty("type").GetString();
                if (type is not ("error" or "non-document-error")) continue;
                count++;
                // vnu names the file as a file: URL ("file:/tmp/…/home.html"); the file name says which page it is.
                var where = m.TryGetProperty("url", out var u) ? files.FirstOrDefault(f => u.GetString()!.EndsWith("/" + Path.GetFileName(f.Key), StringComparison.Ordinal)).Value ?? u.GetString() : "?";
                var line = m.TryGetProperty("lastLine", out var l) ? l.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
                var extract = m.TryGetProperty("extract", out var e) ? Regex.Replace(e.GetString() ?? "", @"\s+", " ") : "";
                report.Append(CultureInfoInvariant($"- {where} line {line}: {m.GetProperty("message").GetString()}\n    {extract}\n"));
            }
            Assert.True(count == 0, $"The Nu Html Checker found {count} error(s):\n{report}");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [GeneratedRegex("href=\"(/[a-z0-9-]+/[a-z0-9-]+-[0-9]+)\"")]
    private static partial Regex ArticleLink();

    [GeneratedRegex("href=\"(/video/[a-z0-9-]+-[0-9]+)\"")]
    private static partial Regex VideoLink();

    /// <summary>The page's path on the demo site: the first article on the home page, the first video on /video.</summary>
    async Task<string> UrlAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        switch (name)
        {
            case "home": return "/";
            case "category": return "/gundem";
            case "search": return "/arama?q=eskisehir";
            case "article":
                var home = await http.GetStringAsync("/");
                return ArticleLink().Matches(home).Select(m => m.Groups[1].Value).First(u => !u.StartsWith("/video/", StringComparison.Ordinal));
            case "video":
                var match = VideoLink().Match(await http.GetStringAsync("/video"));
                Assert.True(match.Success, "no video link on /video");
                return match.Groups[1].Value;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    /// <summary>A file of tools/page-quality, or a skip (locally) / failure (CI) naming the command that installs it.</summary>
    static string Tool(string what, params string[] path)
    {
        var tool = Path.Combine([Root(), "tools", "page-quality", .. path]);
        if (!File.Exists(tool)) Missing($"{what} is not installed ({tool}); run: npm ci --prefix tools/page-quality --ignore-scripts");
        return tool;
    }

    static string Java()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var java = Path.Combine(dir, "java");
            if (File.Exists(java)) return java;
        }
        Missing("Java is not installed (the Nu Html Checker needs it); run: apt-get install default-jre-headless");
        return "";
    }

    static void Missing(string problem)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("CI=true but " + problem);
        TestContext.Current.SendDiagnosticMessage("SKIP {0}: {1}", TestContext.Current.Test?.TestDisplayName ?? "", problem);
        Assert.Skip(problem);
    }

    static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Manset.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Manset.slnx not found above " + AppContext.BaseDirectory);
    }

    static string CultureInfoInvariant(FormattableString s) => FormattableString.Invariant(s);
}
