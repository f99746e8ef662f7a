using Manset.Data;
using Manset.Data.Postgres;
using Manset.Web.Infrastructure;
using Manset.Web.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;

namespace Manset.Web.Engagement;

/// <summary>The counts of an article's five reactions, in <see cref="Reactions.All"/> order, and the reader's own.</summary>
public sealed record ReactionState(long[] Counts, string? Mine);

/// <summary>
/// One reaction per reader per article: a new one counts, another one moves it, the same one again takes it back
/// (unless it is a repeat of the same submission within a few seconds). Each change runs in one transaction that
/// holds the article's counter row, so concurrent clicks never double-count.
/// </summary>
public sealed class ReactionService(MansetDb db, TimeProvider clock, IOptions<MansetOptions> options, MansetMetrics metrics)
{
    /// <summary>
    /// Reaction writes queue here rather than in the database: changes to one article serialise on its counter row
    /// anyway, and a burst must not take every database connection (PostgreSQL refuses the 101st).
    /// </summary>
    static readonly SemaphoreSlim Writers = new(8, 8);

    public async Task<ReactionState?> ReactAsync(int articleId, string readerId, Reaction reaction, CancellationToken ct)
    {
        await Writers.WaitAsync(ct);
        try
        {
            return await WriteAsync(articleId, readerId, reaction, ct);
        }
        finally
        {
            Writers.Release();
        }
    }

    async Task<ReactionState?> WriteAsync(int articleId, string readerId, Reaction reaction, CancellationToken ct)
    {
        var index = Array.IndexOf(Reactions.All, reaction);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // SQLite: BEGIN IMMEDIATE already holds the write lock. PostgreSQL: lock this article's counter row.
        var locked = db is PostgresMansetDb
            ? await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM \"ArticleStats\" WHERE \"ArticleId\" = {articleId} FOR UPDATE").ToListAsync(ct)
            : await db.ArticleStats.Where(s => s.ArticleId == articleId).Select(s => 1).ToListAsync(ct);
        if (locked.Count == 0 || !await db.Articles.AnyAsync(a => a.Id == articleId && a.Status == ArticleStatus.Published, ct)) return null;

        var existing = await db.ArticleReactions.FirstOrDefaultAsync(r => r.ArticleId == articleId && r.ReaderId == readerId, ct);
        var deltas = new List<(int Reaction, int Delta)>();
        string? mine;
        if (existing is null)
        {
            db.ArticleReactions.Add(new ArticleReaction { ArticleId = articleId, ReaderId = readerId, Reaction = index, UpdatedAt = now });
            deltas.Add((index, +1));
            mine = reaction.Key;
        }
        else if (existing.Reaction == index)
        {
            if (now - existing.UpdatedAt < TimeSpan.FromSeconds(options.Value.Engagement.RepeatGraceSeconds))
            {
                mine = reaction.Key; // the same submission again (double click, replay): nothing changes
            }
            else
            {
                db.ArticleReactions.Remove(existing);
                deltas.Add((index, -1));
                mine = null;
            }
        }
        else
        {
            deltas.Add((existing.Reaction, -1));
            deltas.Add((index, +1));
            existing.Reaction = index;
            existing.UpdatedAt = now;
            mine = reaction.Key;
        }
        await db.SaveChangesAsync(ct);
        if (deltas.Count > 0)
        {
            await db.ArticleStats.Where(s => s.ArticleId == articleId).ExecuteUpdateAsync(s =>
            {
                foreach (var (r, d) in deltas) Apply(s, r, d);
            }, ct);
        }
        await transaction.CommitAsync(ct);
        if (deltas.Any(d => d.Delta > 0)) metrics.Reacted(reaction.Key);
        return new ReactionState(await CountsAsync(articleId, ct), mine);
    }

    public async Task<long[]> CountsAsync(int articleId, CancellationToken ct)
    {
        var stats = await db.ArticleStats.AsNoTracking().Where(s => s.ArticleId == articleId)
            .Select(s => new[] { s.Like, s.Love, s.Dislike, s.Sad, s.Wow }).FirstOrDefaultAsync(ct);
        return stats ?? new long[Reactions.All.Length];
    }

    public async Task<string?> MineAsync(int articleId, string readerId, CancellationToken ct)
    {
        var index = await db.ArticleReactions.AsNoTracking().Where(r => r.ArticleId == articleId && r.ReaderId == readerId)
            .Select(r => (int?)r.Reaction).FirstOrDefaultAsync(ct);
        return index is { } i && i >= 0 && i < Reactions.All.Length ? Reactions.All[i].Key : null;
    }

    static void Apply(UpdateSettersBuilder<ArticleStats> s, int reaction, int delta)
    {
        switch (reaction)
        {
            case 0: s.SetProperty(x => x.Like, x => x.Like + delta); break;
            case 1: s.SetProperty(x => x.Love, x => x.Love + delta); break;
            case 2: s.SetProperty(x => x.Dislike, x => x.Dislike + delta); break;
            case 3: s.SetProperty(x => x.Sad, x => x.Sad + delta); break;
            case 4: s.SetProperty(x => x.Wow, x => x.Wow + delta); break;
        }
    }
}
