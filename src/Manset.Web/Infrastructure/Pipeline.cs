using System.Globalization;
using Manset.Web.Media;
using Microsoft.Extensions.Options;

namespace Manset.Web.Infrastructure;

public static class PipelineExtensions
{
    /// <summary>Turkish as the one UI culture; the resource files are where another language would go.</summary>
    public static WebApplicationBuilder AddMansetLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>, CachedStrings>();
        builder.Services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, TurkishValidation>();
        // Print Turkish letters as themselves, not as &#x131; entities: smaller pages, greppable text.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // One culture for the whole process (requests and background jobs alike) instead of a per-request
        // localization middleware on the hot path. A second language would bring RequestLocalization back.
        CultureInfo.DefaultThreadCurrentCulture = Turkish.Culture;
        CultureInfo.DefaultThreadCurrentUICulture = Turkish.Culture;
        return builder;
    }

    /// <summary>
    /// Security headers first (set as each response starts, so media files, cached pages and error pages carry them),
    /// errors (Turkish pages for readers, problem details for the API), HSTS over HTTPS, the cookie policy, media files,
    /// routing, then the output cache: a cached page is answered there, already compressed, before compression,
    /// authentication or any database work; what it does not answer waits for a turn at the render gate. Public pages
    /// are the same for every reader, so serving one before knowing who asks is safe; newsroom and API endpoints carry
    /// no cache policy and are never stored.
    /// </summary>
    public static WebApplication UseMansetPipeline(this WebApplication app)
    {
        // First, so that it times everything and counts an error page's queries too; before the output cache, so a
        // page answered from the cache counts 0. Logs at Debug only (QueryCounter.cs); otherwise a level check.
        app.UseQueryCounter();
        app.UseSecurityHeaders();
        // Both re-execute /hata/{code}, which answers readers with a Turkish page and the API with problem details.
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/hata/500");
            // Only on HTTPS requests (behind a proxy: with forwarded headers on, docs/operations.md), never for localhost.
            // After the exception handler, so that an error page re-executed through here carries it too.
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/hata/{0}");
        app.UseCookiePolicy();
        app.UseMediaFiles();
        app.Use(AcceptEncoding.Normalise);
        app.UseRouting();
        if (app.Services.GetRequiredService<IOptions<MansetOptions>>().Value.OutputCache.Enabled) app.UseOutputCache();
        app.UseRenderGate();          // what the cache did not answer takes its turn: a few renders at once (RenderGate.cs)
        app.UseResponseCompression();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
