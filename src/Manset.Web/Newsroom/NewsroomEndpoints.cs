using System.Security.Claims;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom;

/// <summary>
/// The newsroom's small JSON endpoints for its page scripts: the edit lock's check-in and the media picker.
/// Cookie sign-in, a permission each, and the antiforgery token in the RequestVerificationToken header for posts.
/// </summary>
public static class NewsroomEndpoints
{
    public static WebApplication MapNewsroom(this WebApplication app)
    {
        var newsroom = app.MapGroup("/yonetim")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme })
            .ExcludeFromDescription();
        newsroom.MapPost("/haberler/{id:int}/kilit", CheckIn).RequireAuthorization(Permissions.ArticlesWrite).AddEndpointFilter(Antiforgery);
        newsroom.MapGet("/medya/liste", MediaList).RequireAuthorization(Permissions.MediaUpload);
        return app;
    }

    /// <summary>The editor page checks in every half minute; the answer lists who else has the article open.</summary>
    static IResult CheckIn(int id, HttpContext context, EditPresence presence)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var others = presence.Touch(id, userId, context.User.Identity?.Name ?? "");
        return Results.Json(new
        {
            others = others.Select(o => new { name = o.Name, since = Turkish.ToIstanbul(o.Since).ToString("HH:mm", Turkish.Culture) }),
        });
    }

    /// <summary>Images for the picker (article image, images in the text), newest first, searchable by name, caption or credit.</summary>
    static async Task<IResult> MediaList(string? q, int? sayfa, MansetDb db, CancellationToken ct)
    {
        const int size = 24;
        var page = Math.Max(1, sayfa ?? 1);
        var query = db.Media.AsNoTracking().Where(m => m.Kind == MediaKind.Image);
        if (!string.IsNullOrWhiteSpace(q) && q.Length <= 100) query = MediaSearch.Apply(db, query, q.Trim());
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return Results.Json(new
        {
            total,
            items = items.Select(m =>
            {
                var image = ImageRef.From(m)!;
                return new { id = m.Id, thumb = image.Src(320), src = image.Src(960), width = m.Width, height = m.Height, caption = m.Caption, credit = m.Credit, name = m.FileName };
            }),
        });
    }

    /// <summary>JSON posts carry the antiforgery token in a header (the page puts it in a meta tag).</summary>
    static async ValueTask<object?> Antiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        try
        {
            await antiforgery.ValidateRequestAsync(context.HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem(title: "İstek doğrulanamadı", detail: "Sayfayı yenileyip yeniden deneyin.", statusCode: StatusCodes.Status400BadRequest);
        }
        return await next(context);
    }
}

/// <summary>The media library's text search: file name, caption and credit, case-insensitive.</summary>
public static class MediaSearch
{
    public static IQueryable<Manset.Data.Media> Apply(MansetDb db, IQueryable<Manset.Data.Media> query, string q)
    {
        var pattern = "%" + q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return db.ProviderName == "postgres"
            ? query.Where(m => EF.Functions.ILike(m.FileName ?? "", pattern, "\\") || EF.Functions.ILike(m.Caption ?? "", pattern, "\\") || EF.Functions.ILike(m.Credit ?? "", pattern, "\\"))
            : query.Where(m => EF.Functions.Like(m.FileName ?? "", pattern, "\\") || EF.Functions.Like(m.Caption ?? "", pattern, "\\") || EF.Functions.Like(m.Credit ?? "", pattern, "\\"));
    }
}
