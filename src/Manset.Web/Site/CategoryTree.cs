using Manset.Data;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Site;

public sealed record CategoryNode(int Id, string Name, string Slug, int? ParentId, int SortOrder, bool InMenu);

/// <summary>
/// The category tree, read once and kept in memory (it is small and read on every page);
/// reloaded after a category changes.
/// </summary>
public sealed class CategoryTree(IServiceScopeFactory scopes)
{
    volatile CategorySnapshot? _snapshot;
    readonly SemaphoreSlim _loading = new(1, 1);

    public async ValueTask<CategorySnapshot> GetAsync(CancellationToken ct = default)
    {
        if (_snapshot is { } ready) return ready;
        await _loading.WaitAsync(ct);
        try
        {
            if (_snapshot is { } loaded) return loaded;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
            var nodes = await db.Categories.AsNoTracking()
                .Select(c => new CategoryNode(c.Id, c.Name, c.Slug, c.ParentId, c.SortOrder, c.InMenu))
                .ToListAsync(ct);
            var snapshot = new CategorySnapshot(nodes);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Invalidate() => _snapshot = null;
}

public sealed class CategorySnapshot
{
    readonly Dictionary<int, CategoryNode> _byId;
    readonly Dictionary<string, CategoryNode> _bySlug;
    readonly ILookup<int?, CategoryNode> _children;

    public CategorySnapshot(IReadOnlyList<CategoryNode> nodes)
    {
        _byId = nodes.ToDictionary(n => n.Id);
        _bySlug = nodes.ToDictionary(n => n.Slug, StringComparer.Ordinal);
        _children = nodes.OrderBy(n => n.SortOrder).ThenBy(n => n.Name, Infrastructure.Turkish.Comparer).ToLookup(n => n.ParentId);
        Roots = _children[null].ToList();
    }

    /// <summary>Top-level categories in their order.</summary>
    public IReadOnlyList<CategoryNode> Roots { get; }

    public CategoryNode? this[int id] => _byId.GetValueOrDefault(id);

    public CategoryNode? BySlug(string slug) => _bySlug.GetValueOrDefault(slug);

    public IReadOnlyList<CategoryNode> Children(int id) => _children[id].ToList();

    /// <summary>The path from the root down to the category itself (breadcrumbs).</summary>
    public IReadOnlyList<CategoryNode> Path(int id)
    {
        var path = new List<CategoryNode>();
        for (var node = this[id]; node is not null && path.Count < 16; node = node.ParentId is { } p ? this[p] : null)
        {
            path.Insert(0, node);
        }
        return path;
    }

    /// <summary>The category and everything under it (a parent's page lists its children's news too).</summary>
    public IReadOnlyList<int> SelfAndDescendants(int id)
    {
        var result = new List<int>();
        var queue = new Queue<int>([id]);
        while (queue.Count > 0 && result.Count < 1000)
        {
            var current = queue.Dequeue();
            result.Add(current);
            foreach (var child in _children[current]) queue.Enqueue(child.Id);
        }
        return result;
    }

    /// <summary>The top-level category a category belongs to.</summary>
    public CategoryNode? RootOf(int id) => Path(id).FirstOrDefault();
}
