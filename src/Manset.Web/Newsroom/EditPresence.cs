using System.Collections.Concurrent;

namespace Manset.Web.Newsroom;

/// <summary>Someone who has an article open in the editor.</summary>
public sealed record Editing(string UserId, string Name, DateTimeOffset Since, DateTimeOffset Seen);

/// <summary>
/// The soft edit lock: who has which article open (the editor page checks in every half minute). It warns, it does
/// not block: optimistic concurrency is what guarantees that nobody's save is lost.
/// </summary>
public sealed class EditPresence(TimeProvider clock)
{
    static readonly TimeSpan Expiry = TimeSpan.FromSeconds(75);
    readonly ConcurrentDictionary<int, ConcurrentDictionary<string, Editing>> _articles = new();

    /// <summary>Records that the user has the article open; returns the others who have it open too.</summary>
    public IReadOnlyList<Editing> Touch(int articleId, string userId, string name)
    {
        var now = clock.GetUtcNow();
        var people = _articles.GetOrAdd(articleId, _ => new ConcurrentDictionary<string, Editing>(StringComparer.Ordinal));
        people.AddOrUpdate(userId, _ => new Editing(userId, name, now, now), (_, e) => e with { Name = name, Seen = now });
        return Others(articleId, userId);
    }

    public IReadOnlyList<Editing> Others(int articleId, string userId)
    {
        if (!_articles.TryGetValue(articleId, out var people)) return [];
        var cutoff = clock.GetUtcNow() - Expiry;
        foreach (var stale in people.Values.Where(e => e.Seen < cutoff)) people.TryRemove(stale.UserId, out _);
        return people.Values.Where(e => e.UserId != userId).OrderBy(e => e.Since).ToList();
    }

    public void Leave(int articleId, string userId)
    {
        if (_articles.TryGetValue(articleId, out var people)) people.TryRemove(userId, out _);
    }
}
