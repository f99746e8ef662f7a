using Manset.Web.Infrastructure;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Manset.Web.Media;

public static class MediaExtensions
{
    /// <summary>The kinds of file the media folder holds: image renditions, videos, captions.</summary>
    static readonly Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider ContentTypes = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg",
        [".png"] = "image/png",
        [".webp"] = "image/webp",
        [".webm"] = "video/webm",
        [".mp4"] = "video/mp4",
        [".vtt"] = "text/vtt; charset=utf-8",
    });

    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LocalMediaStore>();
        builder.Services.AddSingleton<IMediaStore>(sp => sp.GetRequiredService<LocalMediaStore>());
        builder.Services.AddScoped<ImagePipeline>();
        builder.Services.AddScoped<FileUploads>();
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
            ContentTypeProvider = ContentTypes,
            OnPrepareResponse = ctx =>
            {
                ctx.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
                ctx.Context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            },
        });
    }
}
