using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Manset.Web.Monitoring;

namespace Manset.Web.Engagement;

/// <summary>
/// Page views counted in memory (a few interlocked operations per view) and handed to <see cref="ViewFlusher"/> in
/// batches: no database write per view. Each batch seals the table it takes and waits for the views still landing in
/// it, so nothing is lost or counted twice.
/// </summary>
public sealed class ViewCounter(MansetMetrics? metrics = null)
{
    sealed class Table
    {
        public readonly ConcurrentDictionary<int, StrongBox<long>> Counts = new();
        public int Writers;
        public int Sealed;
    }

    Table _current = new();
    readonly Lock _draining = new();

    /// <summary>Counts a reader's view (or several).</summary>
    public void Add(int articleId, long views = 1)
    {
        Count(articleId, views);
        metrics?.ViewsCounted(views);
    }

    /// <summary>Gives back views a batch could not write: counted once already, they go with the next batch.</summary>
    public void PutBack(int articleId, long views) => Count(articleId, views);

    void Count(int articleId, long views)
    {
        while (true)
        {
            var table = Volatile.Read(ref _current);
            Interlocked.Increment(ref table.Writers);
            try
            {
                if (Volatile.Read(ref table.Sealed) == 0)
                {
                    var box = table.Counts.GetOrAdd(articleId, static _ => new StrongBox<long>());
                    Interlocked.Add(ref box.Value, views);
                    return;
                }
            }
            finally
            {
                Interlocked.Decrement(ref table.Writers);
            }
            // The table was taken while we were on our way in: count in the new one.
        }
    }

    /// <summary>Takes the views counted since the last call.</summary>
    public Dictionary<int, long> Drain()
    {
        lock (_draining)
        {
            var old = Interlocked.Exchange(ref _current, new Table());
            Interlocked.Exchange(ref old.Sealed, 1);
            var spin = new SpinWait();
            while (Volatile.Read(ref old.Writers) != 0) spin.SpinOnce();
            return old.Counts.Where(c => c.Value.Value > 0).ToDictionary(c => c.Key, c => c.Value.Value);
        }
    }

    /// <summary>Views counted and not yet taken.</summary>
    public long Pending => Volatile.Read(ref _current).Counts.Values.Sum(b => Interlocked.Read(ref b.Value));
}
