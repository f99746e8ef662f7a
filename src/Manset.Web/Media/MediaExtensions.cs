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

    /// <summary>Media files never change under their name, so browsers and CDNs may keep them for a year.</summary>
    public const string CacheControl = "public, max-age=31536000, immutable";

    /// <summary>The content type a media key is served with, or null for a kind of file the site does not serve.</summary>
    public static string? ContentTypeOf(string key) => ContentTypes.TryGetContentType(key, out var type) ? type : null;

    /// <summary>The media store: local disk (default) or an S3-compatible bucket, as <c>Manset:Media:Store</c> says.</summary>
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<MansetOptions>, MediaStoreOptionsCheck>();
        if (MediaStores.IsS3(builder.Configuration[$"{MansetOptions.Section}:{nameof(MansetOptions.Media)}:{nameof(MediaOptions.Store)}"]))
        {
            builder.Services.AddSingleton<S3MediaStore>();
            builder.Services.AddSingleton<IMediaStore>(sp => sp.GetRequiredService<S3MediaStore>());
        }
        else
        {
            builder.Services.AddSingleton<LocalMediaStore>();
            builder.Services.AddSingleton<IMediaStore>(sp => sp.GetRequiredService<LocalMediaStore>());
        }
        builder.Services.AddSingleton<PendingUploads>();
        builder.Services.AddHostedService<MediaJanitor>();
        builder.Services.AddScoped<ImagePipeline>();
        builder.Services.AddScoped<FileUploads>();
        return builder;
    }

    /// <summary>
    /// Serves stored media under <c>/media</c>: local files by the static-file middleware (the fast path), a bucket's
    /// objects streamed through this node (<see cref="StoredMediaFiles"/>), so that any node serves any file.
    /// A file that is not there falls through to the picture crops (<see cref="ImageCrops"/>) and then to 404.
    /// </summary>
    public static IApplicationBuilder UseMediaFiles(this WebApplication app)
    {
        // Reading the options checks them: a bad store configuration stops the start here, with its message.
        var media = app.Services.GetRequiredService<IOptions<MansetOptions>>().Value.Media;
        if (MediaStores.IsS3(media.Store))
        {
            app.Logger.LogInformation("Medya deposu: S3 ({ServiceUrl}, kova {Bucket}).", media.S3.ServiceUrl, media.S3.Bucket);
            return app.Use(new StoredMediaFiles(app.Services.GetRequiredService<IMediaStore>(), ImageRef.UrlPrefix).InvokeAsync);
        }
        var store = app.Services.GetRequiredService<LocalMediaStore>();
        Directory.CreateDirectory(store.Root);
        // Only media addresses enter the static-file middleware, which costs every page request an allocation otherwise.
        var prefix = new PathString(ImageRef.UrlPrefix.TrimEnd('/'));
        return app.UseWhen(context => context.Request.Path.StartsWithSegments(prefix), media => media.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(store.Root),
            RequestPath = prefix,
            ServeUnknownFileTypes = false,
            ContentTypeProvider = ContentTypes,
            OnPrepareResponse = ctx =>
            {
                ctx.Context.Response.Headers[HeaderNames.CacheControl] = CacheControl;
                ctx.Context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            },
        }));
    }
}
