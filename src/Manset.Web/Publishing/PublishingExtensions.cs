namespace Manset.Web.Publishing;

public static class PublishingExtensions
{
    public static WebApplicationBuilder AddPublishing(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ArticleService>();
        builder.Services.AddSingleton<Newsroom.AuditLog>();
        builder.Services.AddScoped<PageCachePurge>();
        builder.Services.AddSingleton<PublishingScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PublishingScheduler>());
        return builder;
    }
}
