using System.Collections.Concurrent;
using Vigil.Core.Data;
using Vigil.Core.Matching;

namespace Vigil.Web.Compat;

/// <summary>
/// The last built copy of each document derived from all advisories (the NuGet vulnerability page, the
/// Node.js core list). A request reads only the <see cref="AdvisoryStamp"/> (indexed aggregates); the
/// document is rebuilt when the stamp or the variant (e.g. the base URL in its links) differs, and at
/// least every <see cref="MaxAge"/>, which bounds staleness for changes the stamp cannot see (an
/// advisory re-stored with an older <c>modified</c>). One entry per kind, so a request's Host header
/// cannot grow the cache.
/// </summary>
public sealed class DerivedDocumentCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync<T>(
        string kind, string variant, VigilDbContext db, Func<CancellationToken, Task<T>> build,
            CancellationToken cancellationToken)
        where T : class
    {
        var stamp = await AdvisoryStamp.ReadAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(kind, out var entry) && entry.Stamp == stamp && entry.Variant == variant
            && now - entry.Built < MaxAge && entry.Value is T cached)
        {
            return cached;
        }
        var value = await build(cancellationToken);
        _entries[kind] = new Entry(stamp, variant, now, value);
        return value;
    }

    private sealed record Entry(AdvisoryStamp Stamp, string Variant, DateTimeOffset Built, object Value);
}
