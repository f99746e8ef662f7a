using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Site;
using Manset.Web.Wires;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Newsroom.Wires;

public sealed record WireRow(long Id, string Source, string Credit, string Title, string? City, string? Category, bool IsBreaking,
    DateTimeOffset PublishedAt, DateTimeOffset ReceivedAt, WireItemState State, bool AgencyUpdated, int? ArticleId, long Group, int Photos);

public sealed record SourceHealth(WireSourceOptions Options, WireSourceState? State, TimeSpan MinimumSpacing)
{
    public bool Failing => State is { ConsecutiveFailures: > 0 };
}

/// <summary>
/// Ajans masası: the incoming stream of every source, newest first, with filters (agency, category, city, breaking,
/// time, state, text); near-duplicates from several agencies shown as one row; each source's health.
/// </summary>
public sealed class IndexModel(MansetDb db, CategoryTree tree, WireScheduler scheduler, IOptions<MansetOptions> options, IEnumerable<Manset.Web.Wires.Adapters.IWireAdapter> adapters, AuditLog audit, TimeProvider clock) : PageModel
{
    const int Size = 50;

    [BindProperty(SupportsGet = true, Name = "kaynak")] public string? Source { get; set; }
    [BindProperty(SupportsGet = true, Name = "kategori")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "sehir")] public string? City { get; set; }
    [BindProperty(SupportsGet = true, Name = "sondakika")] public bool BreakingOnly { get; set; }
    [BindProperty(SupportsGet = true, Name = "zaman")] public string? Period { get; set; }
    [BindProperty(SupportsGet = true, Name = "durum")] public string? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "sayfa")] public int PageNumber { get; set; } = 1;
    [TempData] public string? Message { get; set; }

    public List<(WireRow Lead, List<WireRow> Others)> Groups { get; } = [];
    public List<SourceHealth> Sources { get; private set; } = [];
    public CategorySnapshot Categories { get; private set; } = null!;
    public List<string> Cities { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public static readonly (string Value, string Label, TimeSpan? Span)[] Periods =
    [
        ("1s", "Son 1 saat", TimeSpan.FromHours(1)),
        ("6s", "Son 6 saat", TimeSpan.FromHours(6)),
        ("24s", "Son 24 saat", TimeSpan.FromHours(24)),
        ("3g", "Son 3 gün", TimeSpan.FromDays(3)),
        ("", "Hepsi", null),
    ];

    public static readonly (string Value, string Label)[] States =
    [
        ("yeni", "Masada (yeni)"),
        ("taslak", "Taslak olarak açıldı"),
        ("yayinda", "Yayımlandı"),
        ("guncellendi", "Ajans güncelledi"),
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Ajans masası";
        Now = clock.GetUtcNow();
        Categories = await tree.GetAsync(ct);
        var states = await db.WireSourceStates.AsNoTracking().ToDictionaryAsync(s => s.Name, StringComparer.Ordinal, ct);
        Sources = options.Value.Wires.Sources
            .Select(s => new SourceHealth(s, states.GetValueOrDefault(s.Name), adapters.FirstOrDefault(a => a.Type == s.Type)?.MinimumSpacing ?? TimeSpan.Zero))
            .ToList();
        var since = Now.AddDays(-3);
        Cities = (await db.WireItems.AsNoTracking().Where(i => i.City != null && i.ReceivedAt >= since).Select(i => i.City!).Distinct().ToListAsync(ct))
            .Order(Turkish.Comparer).ToList();

        var query = db.WireItems.AsNoTracking();
        if (!string.IsNullOrEmpty(Source)) query = query.Where(i => i.Source == Source);
        if (!string.IsNullOrEmpty(Category)) query = query.Where(i => i.Category == Category);
        if (!string.IsNullOrWhiteSpace(City))
        {
            // A regional paper follows a few provinces: "Eskişehir, Kütahya"; letters' case does not matter (İ/i, I/ı).
            var wanted = City.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(20).ToList();
            var cities = wanted.Select(w => Cities.FirstOrDefault(c => string.Equals(Turkish.Lower(c), Turkish.Lower(w), StringComparison.Ordinal)) ?? w).ToList();
            query = query.Where(i => i.City != null && cities.Contains(i.City));
        }
        if (BreakingOnly) query = query.Where(i => i.IsBreaking);
        if (Periods.FirstOrDefault(p => p.Value == Period).Span is { } span) { var from = Now - span; query = query.Where(i => i.ReceivedAt >= from); }
        query = State switch
        {
            "yeni" => query.Where(i => i.State == WireItemState.New),
            "taslak" => query.Where(i => i.State == WireItemState.Draft),
            "yayinda" => query.Where(i => i.State == WireItemState.Published),
            "guncellendi" => query.Where(i => i.AgencyUpdated),
            _ => query,
        };
        if (!string.IsNullOrWhiteSpace(Query) && Query.Trim().Length <= 200)
        {
            var words = Query.Trim();
            query = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true
                ? query.Where(i => EF.Functions.ILike(i.Title, "%" + words + "%") || EF.Functions.ILike(i.Spot, "%" + words + "%"))
                : query.Where(i => EF.Functions.Like(i.Title, "%" + words + "%") || EF.Functions.Like(i.Spot, "%" + words + "%"));
        }

        Total = await query.CountAsync(ct);
        Pages = Math.Max(1, (Total + Size - 1) / Size);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var rows = await Rows(query.OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id).Skip((PageNumber - 1) * Size).Take(Size)).ToListAsync(ct);

        // Near-duplicates (the same event from several agencies) become one row with the others beneath it.
        var groupKeys = rows.Select(r => r.Group).Distinct().ToList();
        var members = await Rows(db.WireItems.AsNoTracking().Where(i => groupKeys.Contains(i.GroupId ?? i.Id))).ToListAsync(ct);
        foreach (var lead in rows.DistinctBy(r => r.Group))
        {
            Groups.Add((lead, members.Where(m => m.Group == lead.Group && m.Id != lead.Id).OrderByDescending(m => m.ReceivedAt).ToList()));
        }
    }

    static IQueryable<WireRow> Rows(IQueryable<WireItem> items) => items.Select(i => new WireRow(i.Id, i.Source, i.Credit, i.Title, i.City, i.Category,
        i.IsBreaking, i.PublishedAt, i.ReceivedAt, i.State, i.AgencyUpdated, i.ArticleId, i.GroupId ?? i.Id,
        i.Media.Count(m => m.Kind == MediaKind.Image)));

    /// <summary>"Şimdi çek": the source is pulled as soon as the agency allows.</summary>
    public async Task<IActionResult> OnPostPullAsync(string source, CancellationToken ct)
    {
        if (!Permissions.Has(User, Permissions.WiresManage)) return Forbid();
        if (options.Value.Wires.Sources.All(s => s.Name != source)) return NotFound();
        await scheduler.RequestPullAsync(source, ct);
        await audit.RecordAsync(AuditActions.Wires, source, "şimdi çek", ct);
        Message = options.Value.Wires.AutoPull
            ? $"'{source}' ajansın izin verdiği ilk anda çekilecek; birkaç saniye sonra sayfayı yenileyin."
            : $"Arka planda çekme kapalı (Manset:Wires:AutoPull=false); 'wires pull --source {source}' komutunu kullanın.";
        return RedirectToPage();
    }

    public string PageLink(int page)
    {
        var query = Request.Query.Where(q => q.Key != "sayfa").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").ToList();
        if (page > 1) query.Add($"sayfa={page}");
        return "/yonetim/ajans" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    public static string TypeLabel(string type) => type switch
    {
        "iha" => "İHA",
        "aa" => "AA",
        "dha" => "DHA",
        "newsml" => "NewsML-G2",
        "rss" => "RSS/Atom",
        _ => type,
    };

    public static string StateLabel(WireItemState state) => state switch
    {
        WireItemState.Draft => "Taslak",
        WireItemState.Published => "Yayında",
        _ => "Yeni",
    };
}
