using Manset.Web.Infrastructure;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Manset.Web.Media;

public static class MediaExtensions
{
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LocalMediaStore>();
        builder.Services.AddSingleton<IMediaStore>(sp => sp.GetRequiredService<LocalMediaStore>());
        builder.Services.AddScoped<ImagePipeline>();
        return builder;
    }

    /// <summary>Serves stored media under <c>/media</c>. File names never change, so browsers and CDNs may keep them for a year.</summary>
    public static IApplicationBuilder UseMediaFiles(this WebApplication app)
    {
        var store = app.Services.GetRequiredService<LocalMediaStore>();
        Directory.CreateDirectory(store.Root);
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(store.Root),
            RequestPath = ImageRef.UrlPrefix.TrimEnd('/'),
            ServeUnknownFileTypes = false,
            OnPrepareResponse = ctx =>
            {
                ctx.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
                ctx.Context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            },
        });
    }
}
