using System.Globalization;
using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Manset.Web.Site;

/// <summary>One search result: the card, and the text around the match.</summary>
public sealed record SearchHit(ArticleCard Card, string? Snippet);

/// <summary>
/// /arama?q=…: Turkish full-text search over published articles (Search/), with the number of results, the matches
/// marked, filters by category and date range, paging and an empty state that helps. Not cached, not indexed.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.Search)]
public sealed class SearchModel(MansetDb db, ISearchIndex index, CategoryTree tree, TimeProvider clock, IOptions<MansetOptions> options, IStringLocalizer<SharedResource> T) : PageModel
{
    public const int MaxQueryLength = 200;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "kategori")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "baslangic")] public string? FromText { get; set; }
    [BindProperty(SupportsGet = true, Name = "bitis")] public string? UntilText { get; set; }

    public CategorySnapshot Categories { get; private set; } = null!;
    public List<SearchHit> Hits { get; } = [];
    public IReadOnlyList<SearchWord> Words { get; private set; } = [];
    public int Total { get; private set; }
    public PagerView? Pager { get; private set; }
    public string? Problem { get; private set; }
    public string Text => (Query ?? "").Trim();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Categories = await tree.GetAsync(ct);
        ViewData["Title"] = Text.Length > 0 ? T["SearchTitleFor", Text].Value : T["Search"].Value;
        ViewData["NoIndex"] = true;
        Response.Headers.CacheControl = "no-cache";
        if (Request.PageNumber() is not { } page) return BadRequest();
        if (Text.Length == 0) return Page();
        if (Text.Length > MaxQueryLength)
        {
            Problem = T["SearchTooLong", MaxQueryLength].Value;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        List<int>? categoryIds = null;
        if (!string.IsNullOrEmpty(Category))
        {
            if (Categories.BySlug(Category) is not { } node) return NotFound();
            categoryIds = Categories.SelfAndDescendants(node.Id).ToList();
        }
        var from = Day(FromText);
        var until = Day(UntilText)?.AddDays(1); // the whole last day
        if ((FromText is { Length: > 0 } && from is null) || (UntilText is { Length: > 0 } && until is null))
        {
            Problem = T["SearchBadDate"].Value;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var size = options.Value.Site.PageSize;
        var result = await index.SearchAsync(new SearchQuery(Text, categoryIds, from, until, page, size), ct);
        Words = result.Words;
        Total = result.Total;
        Pager = new PagerView(LinkWithoutPage(), page, PagerView.Count(result.Total, size));
        if (result.Total > 0 && page > Pager.Pages) return NotFound();

        var cards = await db.Published().Where(a => result.Ids.Contains(a.Id)).Select(ArticleCard.Projection).ToListAsync(ct);
        var bodies = await db.Articles.AsNoTracking().Where(a => result.Ids.Contains(a.Id)).Select(a => new { a.Id, a.Body }).ToDictionaryAsync(a => a.Id, a => a.Body, ct);
        foreach (var id in result.Ids)
        {
            if (cards.Find(c => c.Id == id) is not { } card) continue;
            var body = bodies.TryGetValue(id, out var html) ? HtmlText.Plain(html) : "";
            Hits.Add(new SearchHit(card, Highlight.Snippet(string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), Words)));
        }
        return Page();
    }

    /// <summary>A yyyy-MM-dd day (from a date input) as the instant its Istanbul day begins.</summary>
    static DateTimeOffset? Day(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return null;
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Turkish.TimeZone.GetUtcOffset(local));
    }

    string LinkWithoutPage()
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(Text) };
        if (!string.IsNullOrEmpty(Category)) parts.Add("kategori=" + Uri.EscapeDataString(Category));
        if (!string.IsNullOrEmpty(FromText)) parts.Add("baslangic=" + Uri.EscapeDataString(FromText));
        if (!string.IsNullOrEmpty(UntilText)) parts.Add("bitis=" + Uri.EscapeDataString(UntilText));
        return Links.Search + "?" + string.Join('&', parts);
    }

    public DateTimeOffset Now => clock.GetUtcNow();
}
