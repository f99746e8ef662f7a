using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Manset.Web.Engagement;

/// <summary>
/// Page views counted in memory (one interlocked add per view) and handed to <see cref="ViewFlusher"/> in batches:
/// no database write per view.
/// </summary>
public sealed class ViewCounter
{
    readonly ConcurrentDictionary<int, StrongBox<long>> _counts = new();

    public void Add(int articleId, long views = 1)
    {
        var box = _counts.GetOrAdd(articleId, static _ => new StrongBox<long>());
        Interlocked.Add(ref box.Value, views);
    }

    /// <summary>Takes the views counted since the last call. Counting goes on meanwhile; nothing is lost.</summary>
    public Dictionary<int, long> Drain()
    {
        var drained = new Dictionary<int, long>();
        foreach (var (id, box) in _counts)
        {
            var views = Interlocked.Exchange(ref box.Value, 0);
            if (views > 0)
            {
                drained[id] = views;
            }
            else if (_counts.TryRemove(new KeyValuePair<int, StrongBox<long>>(id, box)))
            {
                // A view may have landed between the read and the removal: keep it.
                var late = Interlocked.Exchange(ref box.Value, 0);
                if (late > 0) Add(id, late);
            }
        }
        return drained;
    }

    /// <summary>Views counted and not yet written.</summary>
    public long Pending => _counts.Values.Sum(b => Interlocked.Read(ref b.Value));
}
