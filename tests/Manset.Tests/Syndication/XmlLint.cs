using System.Diagnostics;
using Manset.Tests.Support;

namespace Manset.Tests.Syndication;

/// <summary>
/// xmllint (libxml2, Debian's libxml2-utils) against the official sitemap schemas in Syndication/Xsd:
/// an independent validator, not our code. Skips locally (with the reason) when xmllint is missing; fails in CI.
/// </summary>
static class XmlLint
{
    public const string SiteIndex = "siteindex.xsd";
    /// <summary>Our wrapper: urlset + image + video + news schemas together.</summary>
    public const string UrlSet = "sitemap-with-extensions.xsd";

    public static string Schemas => Path.Combine(Repository.Root(), "tests", "Manset.Tests", "Syndication", "Xsd");

    /// <summary>The xmllint path, or a skip (locally) / failure (CI) naming the package that installs it.</summary>
    public static string Require()
    {
        foreach (var candidate in new[] { "/usr/bin/xmllint", "/usr/local/bin/xmllint" })
        {
            if (File.Exists(candidate)) return candidate;
        }
        const string problem = "xmllint is not installed; run: apt-get install libxml2-utils";
        if (Postgres.InCi) throw new InvalidOperationException("CI=true but " + problem);
        TestContext.Current.SendDiagnosticMessage("SKIP {0}: {1}", TestContext.Current.Test?.TestDisplayName ?? "", problem);
        Assert.Skip(problem);
        return "";
    }

    /// <summary>Validates a document against one of the schemas; returns xmllint's verdict (exit code 0 = valid) and its words.</summary>
    public static async Task<(bool Valid, string Output)> ValidateAsync(string xmllint, string xml, string schema, string folder)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".xml");
        await File.WriteAllTextAsync(file, xml);
        var start = new ProcessStartInfo(xmllint) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--noout", "--nonet", "--schema", Path.Combine(Schemas, schema), file }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode == 0, output);
    }

    public static async Task AssertValidAsync(string xmllint, string xml, string schema, string folder, string name)
    {
        var (valid, output) = await ValidateAsync(xmllint, xml, schema, folder);
        Assert.True(valid, $"{name} is not valid against {schema}:\n{output}");
    }
}
