using System.Threading.RateLimiting;
using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;

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
            o.AddPolicy(Login, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "?",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<IOptions<MansetOptions>>().Value.Newsroom.LoginsPerAddressPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                : RateLimitPartition.GetNoLimiter("get"));
        });
        return builder;
    }
}
