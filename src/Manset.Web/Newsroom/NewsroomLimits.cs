using System.Threading.RateLimiting;

namespace Manset.Web.Newsroom;

/// <summary>Rate limits for the newsroom's door.</summary>
public static class NewsroomLimits
{
    public const string Login = "login";

    public static WebApplicationBuilder AddNewsroomLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Ten login posts a minute per address by default: enough for a mistyped password, too few for credential stuffing.
            var perMinute = builder.Configuration.GetValue($"{Infrastructure.MansetOptions.Section}:Newsroom:LoginsPerAddressPerMinute", 10);
            o.AddPolicy(Login, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "?",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("get"));
        });
        return builder;
    }
}
