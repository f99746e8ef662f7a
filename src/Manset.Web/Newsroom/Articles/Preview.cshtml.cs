using Manset.Data;
using Manset.Web.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Manset.Web.Newsroom.Articles;

/// <summary>The article as readers will see it, whatever its status. Never cached, never indexed, never counted.</summary>
public sealed class PreviewModel(MansetDb db, CategoryTree tree) : PageModel
{
    public ArticleView Article { get; private set; } = null!;
    public IReadOnlyList<CategoryNode> Path { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var article = await ArticleViews.LoadAsync(db, id, ct);
        if (article is null) return NotFound();
        Article = article;
        Path = (await tree.GetAsync(ct)).Path(article.CategoryId);
        ViewData["Title"] = "Önizleme: " + article.Title;
        ViewData["NoIndex"] = true;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
