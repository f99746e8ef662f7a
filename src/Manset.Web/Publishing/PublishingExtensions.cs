namespace Manset.Web.Publishing;

public static class PublishingExtensions
{
    public static WebApplicationBuilder AddPublishing(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ArticleService>();
        builder.Services.AddSingleton<Newsroom.AuditLog>();
        builder.Services.AddSingleton<PageCachePurge>();
        builder.Services.AddHttpClient(CdnPurge.Client, c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<CdnPurge>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CdnPurge>());
        builder.Services.AddSingleton<PublishingScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PublishingScheduler>());
        return builder;
    }
}
