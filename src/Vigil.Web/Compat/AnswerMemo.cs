using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Vigil.Core.Matching;

namespace Vigil.Web.Compat;

/// <summary>
/// Per <see cref="AffectedSnapshot"/>: parts of API answers already rendered (such as one package's part of
/// npm's bulk answer), keyed by everything that decides them besides the snapshot's data. npm audit and OSV
/// scanners send the same lockfiles again and again, so a repeated part costs one lookup instead of its
/// matching and rendering (docs/performance.md, benchmark c). A new snapshot (any advisory change) starts
/// an empty memo, so an answer never lags the data. Bounded in bytes: when full it is emptied and fills again.
/// Kept beside its snapshot (<see cref="Of"/>), so Core's snapshot holds data only.
/// </summary>
public sealed class AnswerMemo(long capacityBytes)
{
    /// <summary>The default bound: a dense 1,000-package bulk answer takes about 400 KB.</summary>
    public const long DefaultCapacityBytes = 16L * 1024 * 1024;

    private static readonly ConditionalWeakTable<AffectedSnapshot, AnswerMemo> Kept = new();

    private readonly ConcurrentDictionary<string, byte[]> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    public bool Enabled => capacityBytes > 0;

    /// <summary>
    /// The memo of <paramref name="snapshot"/>, made on first use; off when the snapshot's caches are
    /// (<see cref="AffectedSnapshot.MatchCacheEntries"/> 0).
    /// </summary>
    public static AnswerMemo Of(AffectedSnapshot snapshot) => Kept.GetValue(snapshot,
        static s => new AnswerMemo(s.MatchCacheEntries > 0 ? DefaultCapacityBytes : 0));

    public int Count => _entries.Count;

    public bool TryGet(string key, [NotNullWhen(true)] out byte[]? part) => _entries.TryGetValue(key, out part);

    public void Add(string key, byte[] part)
    {
        if (!Enabled)
        {
            return;
        }
        // Key and part, counted on add (ConcurrentDictionary.Count takes every lock).
        var size = part.Length + 2L * key.Length + 64;
        if (Interlocked.Add(ref _bytes, size) > capacityBytes)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _bytes, size);
        }
        _entries[key] = part;
    }
}
