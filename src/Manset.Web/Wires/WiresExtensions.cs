using System.Net;
using Manset.Web.Infrastructure;
using Manset.Web.Wires.Adapters;
using Microsoft.Extensions.Options;

namespace Manset.Web.Wires;

public static class WiresExtensions
{
    public const string HttpClientName = "wires";

    /// <summary>
    /// The wire desk's engine: one adapter per agency format, the HTTP client toward agencies (its request logging
    /// removed: İHA and DHA put credentials in the address), ingest, media downloads, the pull scheduler.
    /// </summary>
    public static WebApplicationBuilder AddWires(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<MansetOptions>, WiresOptionsCheck>();
        builder.Services.AddSingleton<IWireAdapter, IhaAdapter>();
        builder.Services.AddSingleton<IWireAdapter, AaAdapter>();
        builder.Services.AddSingleton<IWireAdapter, DhaAdapter>();
        builder.Services.AddSingleton<IWireAdapter, RssAdapter>();
        builder.Services.AddSingleton<IWireAdapter, NewsMlAdapter>();
        builder.Services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 5,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseCookies = false,
            })
            .RemoveAllLoggers();
        builder.Services.AddScoped<WireArticles>();
        builder.Services.AddScoped<WireIngest>();
        builder.Services.AddScoped<WireMediaFetcher>();
        builder.Services.AddScoped<WirePuller>();
        builder.Services.AddSingleton<WireScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WireScheduler>());
        return builder;
    }
}
