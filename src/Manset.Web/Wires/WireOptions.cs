using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Manset.Web.Wires;

/// <summary><c>Manset:Wires</c>: the agency sources (contract.md) and the limits every pull keeps to.</summary>
public sealed class WiresOptions
{
    [ValidateEnumeratedItems]
    public List<WireSourceOptions> Sources { get; set; } = [];

    /// <summary>Pull the sources in the background (false: only <c>wires pull</c> and the desk's button do).</summary>
    public bool AutoPull { get; set; } = true;

    /// <summary>A feed or API answer larger than this is refused.</summary>
    [Range(1, 1024)]
    public int MaxFeedMegabytes { get; set; } = 64;

    /// <summary>How long one request to an agency may take.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Photos and videos downloaded per source and pull; the rest follow on the next pulls.</summary>
    [Range(1, 10_000)]
    public int MediaPerPull { get; set; } = 60;

    /// <summary>How long a story waits for a near-duplicate from another agency to be grouped with it.</summary>
    [Range(1, 720)]
    public int DuplicateWindowHours { get; set; } = 48;
}

/// <summary>One agency source (<c>Manset:Wires:Sources:N</c>).</summary>
public sealed class WireSourceOptions
{
    /// <summary>Unique label used by the command line and the wire desk.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,39}$", ErrorMessage = "Name: küçük harf, rakam ve tire (en çok 40).")]
    public string Name { get; set; } = "";

    [Required, AllowedValues("iha", "aa", "dha", "rss", "newsml", ErrorMessage = "Type: iha, aa, dha, rss ya da newsml.")]
    public string Type { get; set; } = "";

    [Required, Url]
    public string Url { get; set; } = "";

    /// <summary>Secret: never logged, never shown.</summary>
    public string? UserName { get; set; }

    /// <summary>Secret: never logged, never shown.</summary>
    public string? Password { get; set; }

    /// <summary>Secret: never logged, never shown.</summary>
    public string? UserCode { get; set; }

    /// <summary>How often to pull; the agency's own minimum spacing is kept whatever this says.</summary>
    [Range(1, 86_400)]
    public int IntervalSeconds { get; set; } = 60;

    /// <summary><c>draft</c>: into the wire desk; <c>publish</c>: straight to the site (desk rules may say otherwise).</summary>
    [AllowedValues("draft", "publish", ErrorMessage = "Mode: draft ya da publish.")]
    public string Mode { get; set; } = "draft";

    /// <summary>Our category slug for stories whose agency category has no mapping.</summary>
    public string? DefaultCategory { get; set; }

    /// <summary>Agency category (as the agency writes it) → our category slug.</summary>
    public Dictionary<string, string> CategoryMap { get; set; } = [];

    /// <summary>The credit printed on the articles; default: İHA, AA, DHA, or the feed's own title.</summary>
    [StringLength(40)]
    public string? Credit { get; set; }

    public bool Publish => string.Equals(Mode, "publish", StringComparison.Ordinal);

    /// <summary>The values that must never reach a log, an error message or a page.</summary>
    public IEnumerable<string> Secrets => new[] { Password, UserCode, UserName }.OfType<string>().Where(s => s.Length >= 3);
}

/// <summary>Checks what attributes cannot: source names are unique.</summary>
public sealed class WiresOptionsCheck : IValidateOptions<Infrastructure.MansetOptions>
{
    public ValidateOptionsResult Validate(string? name, Infrastructure.MansetOptions options)
    {
        var twice = options.Wires.Sources.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return twice.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Manset:Wires:Sources: aynı ad birden çok kez kullanılmış: {string.Join(", ", twice)}.");
    }
}
