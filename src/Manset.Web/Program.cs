using Manset.Web.Api;
using Manset.Web.Breaking;
using Manset.Web.Cli;
using Manset.Web.Cluster;
using Manset.Web.Data;
using Manset.Web.Engagement;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Manset.Web.Monitoring;
using Manset.Web.Newsroom;
using Manset.Web.Publishing;
using Manset.Web.Search;
using Manset.Web.Site;
using Manset.Web.Syndication;
using Manset.Web.Wires;

MallocArenas.Limit();                 // Infrastructure/: one glibc malloc arena per core, before any thread allocates

// Configuration and static assets come from beside the binary, whatever the current directory
// (the data directory, by contrast, is relative to the current directory: contract.md).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddCommandLine(args);         // Cli/: admin create, token create, db migrate, wires pull
builder.AddMansetData();              // Data/: options, SQLite or PostgreSQL, start-up, demo content
builder.AddCluster();                 // Cluster/: Redis page store, purge and push across nodes, shared limits, leases
builder.AddMonitoring();              // Monitoring/: OpenTelemetry metrics, the Manset meter, Prometheus, OTLP
builder.AddMansetLocalization();      // Infrastructure/: tr-TR, UI strings in Resources/
builder.AddMansetSecurity();          // Infrastructure/: Content-Security-Policy and other headers, HSTS, cookie rules
builder.AddMansetCaching();           // Infrastructure/: output cache policies, compression
builder.AddNewsroomAuth();            // Newsroom/: Identity, cookie, API tokens, permissions
builder.AddRateLimits();              // Infrastructure/: rate limits on login, search and the API (429, Retry-After)
builder.AddMedia();                   // Media/: storage and image pipeline
builder.AddPublishing();              // Publishing/: article writes, scheduler, cache purge
builder.AddEngagement();              // Engagement/: reader cookie, reactions, view counting, most read
builder.AddBreaking();                // Breaking/: the SON DAKİKA band's live stream
builder.AddWires();                   // Wires/: agency feeds (İHA, AA, DHA, RSS, NewsML) pulled, deduplicated, ingested
builder.AddSearch();                  // Search/: Turkish analysis, SQLite FTS5 or PostgreSQL full-text index
builder.AddSite();                    // Site/: public pages and their blocks
builder.AddContentApi();              // Api/: content API v1, OpenAPI
builder.AddSyndication();             // Syndication/: output-cache policy of feeds and sitemaps

var app = builder.Build();
if (await app.RunCommandLineAsync(args)) return;
if (!await app.PrepareDatabaseAsync()) return;

app.UseMansetPipeline();              // security headers, errors, HSTS, cookies, media, output cache, compression, auth
app.UseNewsroom();                    // Newsroom/: two-step verification where required
app.UseRateLimiter();
app.MapSite();                        // Site/ and Newsroom/ pages, static assets, health
app.MapEngagement();                  // Engagement/: /okunma beacon, /tepki
app.MapBreaking();                    // Breaking/: /son-dakika/akis
app.MapNewsroom();                    // Newsroom/: the newsroom pages' JSON endpoints
app.MapContentApi();                  // Api/
app.MapImageCrops();                  // Media/: 16:9, 4:3 and 1:1 picture crops, made on first request
app.MapSyndication();                 // Syndication/: RSS, sitemaps, Google News sitemap, robots
app.MapMonitoring();                  // Monitoring/: /metrics for Prometheus, loopback and allowed networks only
app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
