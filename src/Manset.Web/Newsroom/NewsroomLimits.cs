using System.Threading.RateLimiting;
using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Manset.Web.Newsroom;

/// <summary>Rate limits for the newsroom's door, counted for all nodes together when Redis is there.</summary>
public static class NewsroomLimits
{
    public const string Login = "login";

    public static WebApplicationBuilder AddNewsroomLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Login, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.Get(context.Connection.RemoteIpAddress?.ToString() ?? "?",
                    address => new Cluster.SharedWindowLimiter(context.RequestServices.GetRequiredService<Cluster.SharedLimits>(), Login, address,
                        context.RequestServices.GetRequiredService<IOptions<MansetOptions>>().Value.Newsroom.LoginsPerAddressPerMinute))
                : RateLimitPartition.GetNoLimiter("get"));
        });
        return builder;
    }
}
