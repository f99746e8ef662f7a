using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Manset.Web.Infrastructure;

/// <summary>The <c>Manset</c> configuration section (see contract.md).</summary>
public sealed class MansetOptions
{
    public const string Section = "Manset";

    /// <summary>SQLite database, media files and data-protection keys. Relative paths are under the current directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Write demo categories, articles and videos into an empty database.</summary>
    public bool DemoContent { get; set; } = true;

    [Required, ValidateObjectMembers]
    public SiteOptions Site { get; set; } = new();

    [Required, ValidateObjectMembers]
    public OutputCacheSettings OutputCache { get; set; } = new();

    [Required, ValidateObjectMembers]
    public RenderGateOptions Renders { get; set; } = new();

    [Required, ValidateObjectMembers]
    public PublishingOptions Publishing { get; set; } = new();

    [Required, ValidateObjectMembers]
    public MediaOptions Media { get; set; } = new();

    [Required, ValidateObjectMembers]
    public EngagementOptions Engagement { get; set; } = new();

    [Required, ValidateObjectMembers]
    public MailOptions Mail { get; set; } = new();

    [Required, ValidateObjectMembers]
    public NewsroomOptions Newsroom { get; set; } = new();

    [Required, ValidateObjectMembers]
    public Wires.WiresOptions Wires { get; set; } = new();

    [Required, ValidateObjectMembers]
    public RedisOptions Redis { get; set; } = new();

    [Required, ValidateObjectMembers]
    public CdnOptions Cdn { get; set; } = new();

    [Required]
    public MetricsOptions Metrics { get; set; } = new();

    [Required]
    public SecurityOptions Security { get; set; } = new();

    /// <summary>The data directory as a full path.</summary>
    public string DataPath => Path.GetFullPath(DataDirectory);
}

public sealed class SiteOptions
{
    [Required, StringLength(80, MinimumLength = 1)]
    public string Name { get; set; } = "Manşet Haber";

    [Required, StringLength(160, MinimumLength = 1)]
    public string Publisher { get; set; } = "Manşet Medya Yayıncılık A.Ş.";

    /// <summary>The public address, used in canonical links, feeds and structured data.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Articles per page on category, tag and author pages.</summary>
    [Range(5, 100)]
    public int PageSize { get; set; } = 20;

    /// <summary>Searches per client address per minute (each reads the full-text index; a newsroom behind one address searches too).</summary>
    [Range(1, 1_000_000)]
    public int SearchesPerAddressPerMinute { get; set; } = 60;

    /// <summary><see cref="BaseUrl"/> with a trailing slash, parsed once per value (it is read for every absolute link).</summary>
    public Uri BaseUri => Parsed().Uri;

    /// <summary><see cref="BaseUri"/> as text, for joining with paths that need no parsing.</summary>
    public string BaseText => Parsed().Text;

    sealed record ParsedBase(string From, Uri Uri, string Text);

    ParsedBase? _parsed;

    ParsedBase Parsed()
    {
        var parsed = _parsed;
        if (parsed is null || !ReferenceEquals(parsed.From, BaseUrl))
        {
            var uri = new Uri(BaseUrl.TrimEnd('/') + "/");
            _parsed = parsed = new ParsedBase(BaseUrl, uri, uri.ToString());
        }
        return parsed;
    }
}

public sealed class OutputCacheSettings
{
    /// <summary>Serve public pages from the output cache (false: render every request).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Longest life of a cached page; publishing evicts the affected pages at once anyway.</summary>
    [Range(1, 86400)]
    public int DurationSeconds { get; set; } = 300;

    /// <summary>
    /// How long an article's page data (the article and its related stories) is kept in memory for rendering, when
    /// no publish has happened meanwhile (every purge drops it). 0: read the database on every render.
    /// </summary>
    [Range(0, 3600)]
    public int DataSeconds { get; set; } = 60;

    /// <summary>How long a browser may keep a public page without asking again (Cache-Control max-age).</summary>
    [Range(0, 86400)]
    public int BrowserSeconds { get; set; } = 30;

    /// <summary>
    /// How long a shared cache that is not purged by us (nginx, a proxy) may keep a public page (s-maxage). A CDN that
    /// is purged by tag (<see cref="CdnOptions.PurgeUrl"/>) is told <see cref="DurationSeconds"/> instead.
    /// </summary>
    [Range(0, 86400)]
    public int ProxySeconds { get; set; } = 5;

    /// <summary>How long past its age a cache may serve a page while it fetches a fresh one (stale-while-revalidate).</summary>
    [Range(0, 86400)]
    public int StaleWhileRevalidateSeconds { get; set; } = 30;

    /// <summary>How long past its age a cache may serve a page when the site answers with errors (stale-if-error).</summary>
    [Range(0, 604800)]
    public int StaleIfErrorSeconds { get; set; } = 86400;

    /// <summary>
    /// Life of a page in this node's memory while Redis is unreachable: other nodes cannot tell this one what they
    /// published, so its copies must not live long.
    /// </summary>
    [Range(1, 3600)]
    public int FallbackSeconds { get; set; } = 5;

    /// <summary>
    /// Memory of this node for cached pages (the most requested stay; with Redis the rest come from there). Together
    /// with <see cref="FragmentMegabytes"/> and the page data of 500 articles, the bulk of a node's memory, and it
    /// costs more than itself: under load the collector lets the kept pages' generation grow well past them before it
    /// sweeps. 8 MB holds the hot pages of a breaking story, about a thousand pages as browsers take them (compressed,
    /// 8–10 KB each); a node with memory to spare raises it (docs/operations.md, "Where the memory goes").
    /// </summary>
    [Range(1, 65536)]
    public int MemoryMegabytes { get; set; } = 8;

    /// <summary>Memory for rendered fragments of pages (menu, footer, sidebar, article bodies).</summary>
    [Range(1, 65536)]
    public int FragmentMegabytes { get; set; } = 8;

    /// <summary>
    /// Largest response the cache keeps, in kilobytes as sent (compressed when the client takes it). A page is far
    /// smaller; what is larger (an uncompressed monthly sitemap of megabytes) is rendered for each request instead of
    /// pinning a share of <see cref="MemoryMegabytes"/>, and a CDN in front keeps it by its Cache-Control.
    /// </summary>
    [Range(16, 65536)]
    public int MaxResponseKilobytes { get; set; } = 1024;
}

/// <summary>Redis, when <c>ConnectionStrings:Redis</c> is set.</summary>
public sealed class RedisOptions
{
    /// <summary>Prefix of every key and channel: several papers (or test runs) can share one Redis.</summary>
    [Required, StringLength(40, MinimumLength = 1), RegularExpression("^[A-Za-z0-9_.:-]+$")]
    public string KeyPrefix { get; set; } = "manset:";
}

/// <summary>A CDN in front of the site, purged by tag on every publish.</summary>
public sealed class CdnOptions
{
    /// <summary>Receives <c>POST {"tags":[…]}</c> for every purge (a Fastly/Cloudflare relay, or your own). Unset: no CDN purge.</summary>
    [Url]
    public string? PurgeUrl { get; set; }

    /// <summary>Secret sent as <c>Authorization: Bearer …</c> to the purge URL; never logged.</summary>
    public string? PurgeToken { get; set; }
}

/// <summary>OpenTelemetry metrics and the Prometheus endpoint <c>/metrics</c>.</summary>
public sealed class MetricsOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Networks (CIDR, e.g. "10.0.0.0/8") besides this machine that may read <c>/metrics</c>; others get 404.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];
}

/// <summary>What the Content-Security-Policy allows besides the site itself (Infrastructure/SecurityHeaders.cs).</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// Image hosts besides the site (<c>https://img.example.com.tr</c>, <c>https://*.example.net</c>): only for pictures
    /// article bodies show from elsewhere. The site's own media are under <c>/media/</c> whatever the store, so none are
    /// needed by default (checked at start by SecurityOptionsCheck).
    /// </summary>
    public List<string> ImageSources { get; set; } = [];
}

public sealed class PublishingOptions
{
    /// <summary>How long a breaking story stays in the SON DAKİKA band unless an editor says otherwise.</summary>
    [Range(5, 10080)]
    public int BreakingMinutes { get; set; } = 180;

    /// <summary>How often the scheduler looks for articles whose time has come.</summary>
    [Range(1, 3600)]
    public int SchedulerSeconds { get; set; } = 5;
}

public sealed class MediaOptions
{
    /// <summary>Largest upload accepted, in megabytes.</summary>
    [Range(1, 200)]
    public int MaxUploadMegabytes { get; set; } = 20;

    /// <summary>Largest image accepted, in megapixels (guards against decompression bombs).</summary>
    [Range(1, 200)]
    public int MaxMegapixels { get; set; } = 50;

    /// <summary>Largest video upload accepted, in megabytes.</summary>
    [Range(1, 20_000)]
    public int MaxVideoMegabytes { get; set; } = 500;

    /// <summary>
    /// How long an upload may stay unfinished (files written, no media row) before its files are deleted as left over
    /// by a killed process (Media/PendingUploads.cs). Lower than the longest upload only on a single node: 0 settles
    /// every unfinished upload at the next start.
    /// </summary>
    [Range(0, 10_080)]
    public int PendingMinutes { get; set; } = 60;

    /// <summary>Where media files live: <c>Local</c> (under the data directory, the default) or <c>S3</c> (a shared bucket).</summary>
    public string Store { get; set; } = Manset.Web.Media.MediaStores.Local;

    /// <summary>The bucket when <see cref="Store"/> is <c>S3</c> (checked at start by Media/MediaStoreOptionsCheck).</summary>
    [ValidateObjectMembers]
    public Manset.Web.Media.S3Options S3 { get; set; } = new();
}

public sealed class EngagementOptions
{
    /// <summary>Reaction posts one address may make per minute (generous: offices and mobile carriers share addresses).</summary>
    [Range(1, 100_000)]
    public int ReactionsPerAddressPerMinute { get; set; } = 300;

    /// <summary>Reaction posts one reader cookie may make per minute.</summary>
    [Range(1, 1000)]
    public int ReactionsPerReaderPerMinute { get; set; } = 12;

    /// <summary>A repeat of the same reaction within this many seconds is a double submission, not a take-back.</summary>
    [Range(0, 60)]
    public int RepeatGraceSeconds { get; set; } = 3;

    /// <summary>How often counted views go to the database (in one batch).</summary>
    [Range(1, 3600)]
    public int ViewFlushSeconds { get; set; } = 10;

    /// <summary>How often the ÇOK OKUNANLAR lists are recomputed.</summary>
    [Range(5, 3600)]
    public int MostReadRefreshSeconds { get; set; } = 60;
}

public sealed class NewsroomOptions
{
    /// <summary>Login posts per client address per minute: enough for a mistyped password, too few for credential stuffing.</summary>
    [Range(1, 1_000_000)]
    public int LoginsPerAddressPerMinute { get; set; } = 10;

    /// <summary>Content API calls per token per minute: room for an import tool, not for a runaway loop.</summary>
    [Range(1, 1_000_000)]
    public int ApiRequestsPerClientPerMinute { get; set; } = 600;
}

/// <summary>
/// Outgoing e-mail (password reset links). Without a host, messages are written to <c>{DataDirectory}/mail</c> and
/// shown to administrators on the users page.
/// </summary>
public sealed class MailOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? UserName { get; set; }

    /// <summary>Secret: never logged.</summary>
    public string? Password { get; set; }

    /// <summary>STARTTLS on the submission port; set false only for a trusted local relay.</summary>
    public bool UseTls { get; set; } = true;

    [Required]
    public string From { get; set; } = "Manşet <noreply@localhost>";
}

/// <summary>
/// How many reads that miss the output cache (public page renders, feeds and sitemaps, picture crops) run at once, and
/// how many may wait for their turn (<see cref="RenderGate"/>).
/// </summary>
public sealed class RenderGateOptions
{
    /// <summary>Renders at once; 0: four per processor core.</summary>
    [Range(0, 4096)]
    public int Concurrent { get; set; }

    /// <summary>Requests that may wait for a turn; beyond this they are answered 503 with Retry-After at once.</summary>
    [Range(0, 1_000_000)]
    public int Queue { get; set; } = 2000;

    public int EffectiveConcurrent => Concurrent > 0 ? Concurrent : 4 * Environment.ProcessorCount;
}

/// <summary>Compile-time validation of the whole section, nested objects included; runs at start.</summary>
[OptionsValidator]
public sealed partial class MansetOptionsValidator : IValidateOptions<MansetOptions>;
