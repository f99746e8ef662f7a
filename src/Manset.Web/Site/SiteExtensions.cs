using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Manset.Web.Site;

public static class SiteExtensions
{
    /// <summary>The public site's pages (Razor Pages under Site/), their shared blocks and the category tree.</summary>
    public static WebApplicationBuilder AddSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
        {
            // Pages live in their feature folders (Site/, Newsroom/), not in /Pages.
            o.RootDirectory = "/";
            // Cache-Control, ETag, Last-Modified and surrogate keys on the pages the output cache stores.
            o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(SharedCacheHeaders)));
            // A POST naming no handler the page has is 404, not the page drawn without its data.
            o.Conventions.ConfigureFilter(new UnknownPageHandler());
            o.Conventions.AddPageRoute("/Site/Videos", "video/kategori/{category}");
            o.Conventions.AddPageRoute("/Newsroom/Articles/Edit", "yonetim/haberler/{id:int}");
            o.Conventions.AuthorizeFolder("/Newsroom", Permissions.NewsroomAccess);
            o.Conventions.AllowAnonymousToPage("/Newsroom/Login");
            o.Conventions.AllowAnonymousToPage("/Newsroom/Logout");
            o.Conventions.AllowAnonymousToPage("/Newsroom/Denied");
        });
        // A checkbox posted with a value that is not true/false is a form error, not a 500 when the form is drawn again.
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.ModelBinderProviders.Insert(0, new BooleanBinderProvider()));
        // An unticked checkbox simply posts nothing; no hidden twin input with the same name.
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcViewOptions>(o =>
            o.HtmlHelperOptions.CheckBoxHiddenInputRenderMode = Microsoft.AspNetCore.Mvc.Rendering.CheckBoxHiddenInputRenderMode.None);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<BodySanitizer>();
        builder.Services.AddSingleton<CategoryTree>();
        builder.Services.AddSingleton<SiteBlocks>();
        builder.Services.AddSingleton<ArticlePageData>();
        builder.Services.AddScoped<SiteChrome>();
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        // A build (not a publish) keeps its assets in the source tree; this maps them in every environment,
        // so `dotnet bin/Release/net10.0/Manset.Web.dll` serves the same files as a published copy.
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    public static WebApplication MapSite(this WebApplication app)
    {
        app.MapStaticAssets().ExemptFromRenderGate();
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
        }).DisableHttpMetrics().ExemptFromRenderGate();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = HealthReport.WriteAsync,
        }).ExemptFromRenderGate();
        return app;
    }
}
