using System.Globalization;
using Manset.Web.Media;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Manset.Web.Infrastructure;

public static class PipelineExtensions
{
    /// <summary>Turkish as the one UI culture; the resource files are where another language would go.</summary>
    public static WebApplicationBuilder AddMansetLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Print Turkish letters as themselves, not as &#x131; entities: smaller pages, greppable text.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var turkish = new CultureInfo("tr-TR");
            o.DefaultRequestCulture = new RequestCulture(turkish);
            o.SupportedCultures = [turkish];
            o.SupportedUICultures = [turkish];
            o.RequestCultureProviders.Clear();
        });
        return builder;
    }

    /// <summary>
    /// Errors (Turkish pages for readers, problem details for the API), compression, static assets and media,
    /// authentication, then the output cache in front of the pages.
    /// </summary>
    public static WebApplication UseMansetPipeline(this WebApplication app)
    {
        var api = (HttpContext c) => c.Request.Path.StartsWithSegments("/api");
        app.UseWhen(api, b =>
        {
            b.UseExceptionHandler();
            b.UseStatusCodePages();
        });
        app.UseWhen(c => !api(c), b =>
        {
            if (!app.Environment.IsDevelopment()) b.UseExceptionHandler("/hata/500");
            b.UseStatusCodePagesWithReExecute("/hata/{0}");
        });
        app.Use(SecurityHeaders);
        app.UseResponseCompression();
        app.UseRequestLocalization();
        app.UseMediaFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        if (app.Services.GetRequiredService<IOptions<MansetOptions>>().Value.OutputCache.Enabled) app.UseOutputCache();
        return app;
    }

    static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["X-Frame-Options"] = "SAMEORIGIN";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
        return next();
    }
}
