using Manset.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Site;

[OutputCache(PolicyName = CachePolicies.Site)]
public sealed class HomeModel(MansetDb db, CategoryTree tree) : PageModel
{
    public List<ArticleCard> Manset { get; private set; } = [];
    public List<ArticleCard> Surmanset { get; private set; } = [];
    public List<ArticleCard> Latest { get; private set; } = [];
    public List<(CategoryNode Category, List<ArticleCard> Articles)> Sections { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var published = db.Published();
        // Each lead row from the (Slot, SlotOrder) index: a handful of rows however many articles there are.
        Manset = await published.Where(a => a.Slot == LeadSlot.Manset)
            .OrderBy(a => a.SlotOrder).ThenByDescending(a => a.PublishedAt).Take(10)
            .Select(ArticleCard.Projection).ToListAsync(ct);
        Surmanset = await published.Where(a => a.Slot == LeadSlot.Surmanset)
            .OrderBy(a => a.SlotOrder).ThenByDescending(a => a.PublishedAt).Take(4)
            .Select(ArticleCard.Projection).ToListAsync(ct);

        var recent = await published.OrderByDescending(a => a.PublishedAt).Take(300).Select(ArticleCard.Projection).ToListAsync(ct);
        // A paper never leaves its lead empty: fill the rows with the latest pictured stories.
        var used = Manset.Concat(Surmanset).Select(a => a.Id).ToHashSet();
        Manset.AddRange(recent.Where(a => a.Image is not null && used.Add(a.Id)).Take(Math.Max(0, 3 - Manset.Count)));
        Surmanset.AddRange(recent.Where(a => used.Add(a.Id)).Take(Math.Max(0, 4 - Surmanset.Count)));
        Latest = recent.Where(a => !used.Contains(a.Id)).Take(12).ToList();

        var categories = await tree.GetAsync(ct);
        var roots = categories.Roots.Where(c => c.InMenu).Select(root => (Root: root, Ids: categories.SelfAndDescendants(root.Id).ToHashSet())).ToList();
        var blocks = roots.Select(r => recent.Where(a => r.Ids.Contains(a.CategoryId)).Take(4).ToList()).ToList();
        // A block short of four from the latest 300 is topped up from the database, in one query for all of them
        // (the latest four of each of their categories); when the latest 300 are all there is, there is nothing more.
        var shortOf = roots.Where((r, i) => blocks[i].Count < 4).SelectMany(r => r.Ids).ToList();
        if (recent.Count == 300 && shortOf.Count > 0)
        {
            var more = await db.Categories.AsNoTracking().Where(c => shortOf.Contains(c.Id))
                .SelectMany(c => published.Where(a => a.CategoryId == c.Id).OrderByDescending(a => a.PublishedAt).Take(4))
                .Select(ArticleCard.Projection).ToListAsync(ct);
            for (var i = 0; i < roots.Count; i++)
            {
                if (blocks[i].Count >= 4) continue;
                var ids = roots[i].Ids;
                blocks[i] = more.Where(a => ids.Contains(a.CategoryId)).OrderByDescending(a => a.PublishedAt).Take(4).ToList();
            }
        }
        for (var i = 0; i < roots.Count; i++)
        {
            if (blocks[i].Count > 0) Sections.Add((roots[i].Root, blocks[i]));
        }

        CacheTags.Add(HttpContext, CacheTags.Home);
        CacheTags.AddArticles(HttpContext, Manset.Concat(Surmanset).Concat(Latest).Concat(Sections.SelectMany(s => s.Articles)).Select(a => a.Id));
        ViewData["Canonical"] = "/";
    }
}
