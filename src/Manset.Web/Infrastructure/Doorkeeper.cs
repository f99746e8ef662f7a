namespace Manset.Web.Infrastructure;

/// <summary>
/// Admission for a full memory cache: a key is let in on its second request within a while, not its first. A crawler
/// or a reader walking the archive (each address once) then no longer pushes the front page's hot copies out, and the
/// garbage collector is not kept busy with copies nobody asks for twice. A fixed table of hashes (a slot taken by
/// another key just means one more request): bounded, lock-free, no clock.
/// </summary>
public sealed class Doorkeeper
{
    readonly int[] _seen;

    /// <param name="slots">A power of two.</param>
    public Doorkeeper(int slots = 1 << 16)
    {
        if (slots <= 0 || (slots & (slots - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(slots), "A power of two.");
        _seen = new int[slots];
    }

    /// <summary>True when the key was seen before (and is not now forgotten); otherwise remembers it.</summary>
    public bool Admit(string key) => Admit(string.GetHashCode(key, StringComparison.Ordinal));

    public bool Admit(int hash)
    {
        hash |= 1; // an empty slot (0) never matches
        ref var slot = ref _seen[hash & (_seen.Length - 1)];
        if (Volatile.Read(ref slot) == hash) return true;
        Volatile.Write(ref slot, hash);
        return false;
    }
}
