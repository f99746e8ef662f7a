using System.Threading.RateLimiting;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Site;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Engagement;

public static class EngagementEndpoints
{
    /// <summary>A transparent 1×1 GIF: the view beacon every page loads, with or without JavaScript.</summary>
    static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public const string CountsPolicy = "reaction-counts";

    public static WebApplicationBuilder AddEngagement(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReaderCookie>();
        builder.Services.AddSingleton<ViewCounter>();
        builder.Services.AddSingleton<ViewFlusher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ViewFlusher>());
        builder.Services.AddSingleton<MostRead>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MostRead>());
        builder.Services.AddSingleton<ReactionLimits>();
        builder.Services.AddScoped<ReactionService>();
        builder.Services.AddOutputCache(o => o.AddPolicy(CountsPolicy, p => p.Expire(TimeSpan.FromSeconds(2)).SetVaryByQuery([])));
        return builder;
    }

    public static WebApplication MapEngagement(this WebApplication app)
    {
        // A counter in memory, no render: it answers every page view, cached ones too, without waiting for a render turn.
        app.MapGet("/okunma/{id:int?}", Beacon).ExcludeFromDescription().ExemptFromRenderGate();
        app.MapGet("/tepki/{id:int}", Counts).CacheOutput(CountsPolicy).ExcludeFromDescription();
        app.MapPost("/tepki/{id:int}", React).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Counts a reader's view of an article (not bots, prefetches or the newsroom) and gives a reader cookie to
    /// anyone who has none. Never cached, so it runs for every page view, also of cached pages.
    /// </summary>
    static IResult Beacon(int? id, HttpContext context, ReaderCookie readers, ViewCounter views)
    {
        readers.Ensure(context);
        if (id is > 0 && Readers.IsReaderView(context.Request)) views.Add(id.Value);
        context.Response.Headers.CacheControl = "no-store, private";
        return Results.Bytes(Pixel, "image/gif");
    }

    /// <summary>POST, then redirect, then GET: 303 See Other.</summary>
    static IResult SeeOther(HttpContext context, string url)
    {
        context.Response.Headers.Location = url;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>The five counts, the same for everyone (cached for two seconds); the reader's own choice is not in here.</summary>
    static async Task<IResult> Counts(int id, HttpContext context, ReactionService reactions, CancellationToken ct)
    {
        CacheTags.Add(context, CacheTags.ReactionCounts(id));
        var counts = await reactions.CountsAsync(id, ct);
        return Results.Json(new { counts = Reactions.All.Select((r, i) => (r.Key, counts[i])).ToDictionary(x => x.Key, x => x.Item2) });
    }

    /// <summary>
    /// A reaction: from our own pages only (Sec-Fetch-Site / Origin, SameSite cookie), by a reader who has loaded a
    /// page (reader cookie), within the rate limits. JavaScript gets JSON; a plain form post is redirected back to the
    /// article, to an uncached copy that shows the new counts and the reader's choice.
    /// </summary>
    static async Task<IResult> React(int id, HttpContext context, ReaderCookie readers, ReactionLimits limits, ReactionService reactions,
        MansetDb db, IOutputCacheStore cache, CancellationToken ct)
    {
        var wantsJson = context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        if (!Readers.IsSameOrigin(context.Request)) return Results.Json(new { error = "Başka bir siteden gönderilen tepki kabul edilmez." }, statusCode: 403);
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id && a.Status == ArticleStatus.Published)
            .Select(a => new { a.Slug, Category = a.Category.Slug }).FirstOrDefaultAsync(ct);
        if (article is null) return Results.NotFound();
        var url = Links.Article(article.Category, article.Slug, id);
        IResult Refuse(int status, string outcome, string message) => wantsJson
            ? Results.Json(new { error = message }, statusCode: status)
            : SeeOther(context, $"{url}?tepki={outcome}#tepkiler");

        var reader = readers.Read(context);
        if (reader is null) return Refuse(403, "cerez", "Tepki verebilmek için sayfayı yeniden yükleyin (okur çerezi gerekli).");
        if (!context.Request.HasFormContentType) return Refuse(400, "gecersiz", "Tepki form olarak gönderilmeli.");
        var form = await context.Request.ReadFormAsync(ct);
        var reaction = Reactions.Find(form["tepki"].ToString());
        if (reaction is null) return Refuse(400, "gecersiz", "Bilinmeyen tepki.");

        if (!await limits.AllowAsync(context, reader))
        {
            context.Response.Headers.RetryAfter = "60";
            return Refuse(429, "sinir", "Çok sık tepki gönderdiniz; lütfen biraz bekleyin.");
        }

        var state = await reactions.ReactAsync(id, reader, reaction, ct);
        if (state is null) return Results.NotFound();
        await cache.EvictByTagAsync(CacheTags.ReactionCounts(id), ct);
        context.Response.Headers.CacheControl = "no-store, private";
        if (!wantsJson) return SeeOther(context, $"{url}?tepki={state.Mine ?? "geri"}#tepkiler");
        return Results.Json(new
        {
            counts = Reactions.All.Select((r, i) => (r.Key, state.Counts[i])).ToDictionary(x => x.Key, x => x.Item2),
            mine = state.Mine,
        });
    }
}

/// <summary>
/// Per-address and per-reader limits on reaction posts: both must allow. Counted for all nodes in Redis when it is
/// there; in this process otherwise.
/// </summary>
public sealed class ReactionLimits(IOptions<MansetOptions> options, Cluster.SharedLimits shared) : IDisposable
{
    readonly PartitionedRateLimiter<(string Address, string Reader)> _limiter = PartitionedRateLimiter.CreateChained(
        PartitionedRateLimiter.Create<(string Address, string Reader), string>(key => RateLimitPartition.GetTokenBucketLimiter(key.Address, _ => Bucket(options.Value.Engagement.ReactionsPerAddressPerMinute))),
        PartitionedRateLimiter.Create<(string Address, string Reader), string>(key => RateLimitPartition.GetTokenBucketLimiter(key.Reader, _ => Bucket(options.Value.Engagement.ReactionsPerReaderPerMinute))));

    static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = perMinute,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public async Task<bool> AllowAsync(HttpContext context, string reader)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "?";
        var engagement = options.Value.Engagement;
        if (await shared.TryCountAsync("reaction-address", address, engagement.ReactionsPerAddressPerMinute) is { } byAddress)
        {
            return byAddress && await shared.TryCountAsync("reaction-reader", reader, engagement.ReactionsPerReaderPerMinute) != false;
        }
        using var lease = await _limiter.AcquireAsync((address, reader));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
