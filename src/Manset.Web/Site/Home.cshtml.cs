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

    /// <summary>How many of the latest stories fill the lead rows, the latest list and the category blocks.</summary>
    const int RecentWindow = 300;

    readonly record struct Recent(int Id, int CategoryId, bool HasImage, LeadSlot Slot);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var published = db.Published();
        // Ids first, cards after: the lead rows from the (Slot, SlotOrder) index (ordered by slot first: by SlotOrder
        // alone SQLite walked every article) and the latest 300, which fill the lead rows, the latest list and the
        // category blocks, from the (Status, PublishedAt, CategoryId, ImageId) index alone; then the cards of the 30-odd
        // stories the page shows, in one query by id (reading all 300 as cards made a million-article paper's home page
        // twice as slow as the demo paper's).
        var leads = await published.Where(a => a.Slot == LeadSlot.Manset || a.Slot == LeadSlot.Surmanset)
            .OrderBy(a => a.Slot).ThenBy(a => a.SlotOrder).ThenByDescending(a => a.PublishedAt)
            .Select(a => new Recent(a.Id, a.CategoryId, a.ImageId != null, a.Slot)).ToListAsync(ct);
        var recent = await published.OrderByDescending(a => a.PublishedAt).Take(RecentWindow)
            .Select(a => new Recent(a.Id, a.CategoryId, a.ImageId != null, LeadSlot.None)).ToListAsync(ct);
        var manset = leads.Where(a => a.Slot == LeadSlot.Manset).Take(10).ToList();
        var surmanset = leads.Where(a => a.Slot == LeadSlot.Surmanset).Take(4).ToList();
        // A paper never leaves its lead empty: fill the rows with the latest pictured stories.
        var used = manset.Concat(surmanset).Select(a => a.Id).ToHashSet();
        manset.AddRange(recent.Where(a => a.HasImage && used.Add(a.Id)).Take(Math.Max(0, 3 - manset.Count)));
        surmanset.AddRange(recent.Where(a => used.Add(a.Id)).Take(Math.Max(0, 4 - surmanset.Count)));
        var latest = recent.Where(a => !used.Contains(a.Id)).Take(12).ToList();

        var categories = await tree.GetAsync(ct);
        var roots = categories.Roots.Where(c => c.InMenu).Select(root => (Root: root, Ids: categories.SelfAndDescendants(root.Id).ToHashSet())).ToList();
        var recentBlocks = roots.Select(r => recent.Where(a => r.Ids.Contains(a.CategoryId)).Take(4).ToList()).ToList();

        var wanted = manset.Concat(surmanset).Concat(latest).Concat(recentBlocks.SelectMany(b => b)).Select(a => a.Id).Distinct().ToList();
        var cards = wanted.Count == 0 ? [] : await published.Where(a => wanted.Contains(a.Id)).Select(ArticleCard.Projection).ToDictionaryAsync(a => a.Id, ct);
        // A story unpublished between the two reads is left out rather than shown.
        List<ArticleCard> Cards(IEnumerable<Recent> rows) => rows.Select(r => cards.GetValueOrDefault(r.Id)).OfType<ArticleCard>().ToList();
        Manset = Cards(manset);
        Surmanset = Cards(surmanset);
        Latest = Cards(latest);
        var blocks = recentBlocks.Select(Cards).ToList();

        // A block short of four from the latest 300 is topped up from the database, in one query for all of them
        // (the latest four of each of their categories); when the latest 300 are all there is, there is nothing more.
        var shortOf = roots.Where((r, i) => recentBlocks[i].Count < 4).SelectMany(r => r.Ids).ToList();
        if (recent.Count == RecentWindow && shortOf.Count > 0)
        {
            var more = await db.Categories.AsNoTracking().Where(c => shortOf.Contains(c.Id))
                .SelectMany(c => published.Where(a => a.CategoryId == c.Id).OrderByDescending(a => a.PublishedAt).Take(4))
                .Select(ArticleCard.Projection).ToListAsync(ct);
            for (var i = 0; i < roots.Count; i++)
            {
                if (recentBlocks[i].Count >= 4) continue;
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
