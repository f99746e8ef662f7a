using System.Buffers.Binary;
using System.Text;
using Manset.Web.Infrastructure;

namespace Manset.Web.Wires;

/// <summary>
/// The same event told by two agencies: MinHash over character 5-grams of the normalised text (lower-cased the
/// Turkish way, folded to ASCII, punctuation and agency credits removed), so that Turkish suffixes and small
/// rewordings still share most shingles. Candidates come from LSH bands (32 bands of 2 rows: a pair at 0.3 similarity
/// is found 95 % of the time) and are confirmed on the whole signature.
/// </summary>
public static class NearDuplicates
{
    public const int Hashes = 64;
    const int Rows = 2;
    public const int Bands = Hashes / Rows;
    const int Shingle = 5;
    const int TextLength = 1500;

    /// <summary>Estimated similarity from which two stories are grouped as one event.</summary>
    public const double Threshold = 0.3;

    // 64 hash functions: one 32-bit shingle hash, xor-ed with a seed per function and mixed (murmur3's finaliser).
    // A plain a·x+b family is cheaper but biased for MinHash; the mix keeps the estimate honest.
    static readonly uint[] Seeds = Enumerable.Range(0, Hashes).Select(i => (uint)(Mix(0x9E3779B97F4A7C15UL * (ulong)(i + 1)) >> 32)).ToArray();

    static readonly string[] Credits = ["iha", "aa", "dha", "anka", "ajans"];

    public static string Normalise(string title, string spot, string bodyText)
    {
        var folded = Turkish.FoldToAscii($"{title} {spot} {bodyText}");
        var text = new StringBuilder(folded.Length);
        var space = true;
        foreach (var c in folded)
        {
            if (c is '\'' or '’' or '‘' or '`' or '´') continue; // Kütahya'nın, Kütahya’nın: the suffix stays on its word
            if (char.IsLetterOrDigit(c))
            {
                text.Append(c);
                space = false;
            }
            else if (!space)
            {
                text.Append(' ');
                space = true;
            }
        }
        var words = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Credits.Contains(w));
        var joined = string.Join(' ', words);
        return joined.Length > TextLength ? joined[..TextLength] : joined;
    }

    /// <summary>64 minimum hashes, 4 bytes each.</summary>
    public static byte[] Signature(string normalised)
    {
        var minimums = new uint[Hashes];
        Array.Fill(minimums, uint.MaxValue);
        if (normalised.Length >= Shingle)
        {
            for (var i = 0; i + Shingle <= normalised.Length; i++)
            {
                var full = Fnv(normalised.AsSpan(i, Shingle));
                var shingle = (uint)(full ^ (full >> 32));
                for (var h = 0; h < Hashes; h++)
                {
                    var value = Fmix(shingle ^ Seeds[h]);
                    if (value < minimums[h]) minimums[h] = value;
                }
            }
        }
        var bytes = new byte[Hashes * 4];
        for (var h = 0; h < Hashes; h++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(h * 4), minimums[h]);
        return bytes;
    }

    public static double Similarity(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != Hashes * 4 || b.Length != Hashes * 4) return 0;
        var same = 0;
        for (var h = 0; h < Hashes; h++)
        {
            var x = BinaryPrimitives.ReadUInt32LittleEndian(a[(h * 4)..]);
            if (x != uint.MaxValue && x == BinaryPrimitives.ReadUInt32LittleEndian(b[(h * 4)..])) same++;
        }
        return same / (double)Hashes;
    }

    /// <summary>The band keys of a signature: two signatures sharing one are candidates.</summary>
    public static IEnumerable<long> BandKeys(byte[] signature)
    {
        if (signature.Length != Hashes * 4) yield break;
        for (var band = 0; band < Bands; band++)
        {
            var start = band * Rows * 4;
            var key = (ulong)band;
            for (var r = 0; r < Rows; r++) key = Mix(key ^ BinaryPrimitives.ReadUInt32LittleEndian(signature.AsSpan(start + r * 4)));
            yield return (long)key;
        }
    }

    static ulong Fnv(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    static uint Fmix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >> 16);
    }

    /// <summary>splitmix64's finaliser: a cheap, well-spread 64-bit mix.</summary>
    static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>The recent stories' signatures, indexed by band, for one pull.</summary>
public sealed class DuplicateIndex
{
    const int MaxCandidatesPerBand = 64;
    readonly Dictionary<long, List<int>> _bands = [];
    readonly List<(long Id, long Group, byte[] Signature)> _items = [];

    public void Add(long id, long? group, byte[] signature)
    {
        if (signature.Length == 0) return;
        var index = _items.Count;
        _items.Add((id, group ?? id, signature));
        foreach (var key in NearDuplicates.BandKeys(signature))
        {
            if (!_bands.TryGetValue(key, out var list)) _bands[key] = list = [];
            list.Add(index);
        }
    }

    /// <summary>The group of the most similar recent story at or above the threshold, if any.</summary>
    public long? GroupOf(byte[] signature, long exceptId)
    {
        double best = 0;
        long? group = null;
        var seen = new HashSet<int>();
        foreach (var key in NearDuplicates.BandKeys(signature))
        {
            if (!_bands.TryGetValue(key, out var list)) continue;
            // The newest candidates of each band, a bounded number: templated agency copy (weather, exchange rates)
            // shares bands with hundreds of earlier items, and one is enough to find the group.
            for (var i = list.Count - 1; i >= 0 && i >= list.Count - MaxCandidatesPerBand; i--)
            {
                var index = list[i];
                if (!seen.Add(index) || _items[index].Id == exceptId) continue;
                var similarity = NearDuplicates.Similarity(signature, _items[index].Signature);
                if (similarity >= NearDuplicates.Threshold && similarity > best)
                {
                    best = similarity;
                    group = _items[index].Group;
                }
            }
        }
        return group;
    }
}
