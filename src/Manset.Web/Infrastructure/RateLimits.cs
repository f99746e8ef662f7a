using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Manset.Web.Infrastructure;

/// <summary>
/// Rate limits on the doors that cost or that attackers knock on: the newsroom login (credential stuffing), search
/// (each query reads the full-text index) and the content API. Counted for all nodes together when Redis is there
/// (<see cref="Cluster.SharedWindowLimiter"/>). A refusal is 429 with <c>Retry-After</c>; readers get the Turkish
/// error page, the API problem details. Reactions have their own limits (Engagement/).
/// </summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Search = "search";
    public const string Api = "api";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var after = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(Login, context => HttpMethods.IsPost(context.Request.Method)
                ? PerMinute(context, Login, Address(context), o => o.Newsroom.LoginsPerAddressPerMinute)
                : RateLimitPartition.GetNoLimiter("get"));
            // Only a query is searched: the empty search page (the form) costs nothing.
            o.AddPolicy(Search, context => context.Request.Query.ContainsKey("q")
                ? PerMinute(context, Search, Address(context), o => o.Site.SearchesPerAddressPerMinute)
                : RateLimitPartition.GetNoLimiter("form"));
            // After authorization: a token's own allowance, wherever its calls come from.
            o.AddPolicy(Api, context => PerMinute(context, Api, context.User.FindFirst(Manset.Web.Api.ApiTokens.TokenIdClaim)?.Value is { Length: > 0 } token ? "token:" + token : Address(context),
                o => o.Newsroom.ApiRequestsPerClientPerMinute));
        });
        return builder;
    }

    static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "?";

    static RateLimitPartition<string> PerMinute(HttpContext context, string bucket, string key, Func<MansetOptions, int> limit) =>
        RateLimitPartition.Get(bucket + ":" + key, _ => new Cluster.SharedWindowLimiter(context.RequestServices.GetRequiredService<Cluster.SharedLimits>(), bucket, key,
            limit(context.RequestServices.GetRequiredService<IOptions<MansetOptions>>().Value)));
}
