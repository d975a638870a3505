namespace Vigil.Versioning.Osv;

/// <summary>
/// The OSV schema's evaluation algorithm (docs/schema.md § Evaluation, schema 1.7.5): a version is
/// affected if it is listed in <c>versions[]</c> or, for some range, it is below some <c>limit</c>
/// (an implicit <c>limit: "*"</c> when there is none) and walking the events sorted by version the
/// last applicable one is an <c>introduced ≤ v</c> rather than <c>fixed ≤ v</c> / <c>last_affected &lt; v</c>.
/// </summary>
public static class OsvRangeEvaluation
{
    public static bool IsAffected(OsvAffected affected, string version)
    {
        ArgumentNullException.ThrowIfNull(affected);
        ArgumentNullException.ThrowIfNull(version);
        return IncludedInVersions(affected, version)
            || affected.Ranges.Any(r => IsInRange(r, version, OsvVersionOrder.For(affected.Ecosystem, r.Type)));
    }

    /// <summary><c>IncludedInVersions</c>: listed verbatim, or equal under the ecosystem's order.</summary>
    private static bool IncludedInVersions(OsvAffected affected, string version)
    {
        var order = OsvVersionOrder.For(affected.Ecosystem, OsvRange.Ecosystem);
        bool parsed = order.TryParse(version, out var v);
        return affected.Versions.Any(listed => listed == version
            || (parsed && order.TryParse(listed, out var l) && order.Compare(v, l) == 0));
    }

    /// <summary>
    /// <c>IncludedInRanges</c> for one range. GIT ranges need the commit graph and never match a
    /// version string here; events whose version the order can't read are ignored.
    /// </summary>
    public static bool IsInRange(OsvRange range, string version, OsvVersionOrder order)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(order);
        if (range.Type == OsvRange.Git || !order.TryParse(version, out var v))
        {
            return false;
        }

        var events = Sort(range.Events, order);
        if (!BeforeLimits(events, v, order))
        {
            return false;
        }

        bool vulnerable = false;
        foreach (var (evt, key) in events)
        {
            int c = key is null ? 1 : order.Compare(v, key); // key null: introduced "0"
            switch (evt.Kind)
            {
                case OsvEventKind.Introduced when c >= 0:
                    vulnerable = true;
                    break;
                case OsvEventKind.Fixed when c >= 0:
                case OsvEventKind.LastAffected when c > 0:
                    vulnerable = false;
                    break;
            }
        }

        return vulnerable;
    }

    /// <summary><c>BeforeLimits</c>: no limit means an implicit <c>"*"</c>; otherwise below at least one.</summary>
    private static bool BeforeLimits(List<(OsvEvent Event, object? Key)> events, object v, OsvVersionOrder order)
    {
        var limits = events.Where(e => e.Event.Kind == OsvEventKind.Limit).ToList();
        return limits.Count == 0
            || limits.Any(l => l.Event.Version == "*" || (l.Key is not null && order.Compare(v, l.Key) < 0));
    }

    /// <summary>
    /// The events "sorted by version" (stable for ties), each with its parsed key: null for
    /// <c>introduced: "0"</c> and <c>limit: "*"</c>; unreadable versions dropped.
    /// </summary>
    internal static List<(OsvEvent Event, object? Key)> Sort(IReadOnlyList<OsvEvent> events, OsvVersionOrder order)
    {
        var keyed = new List<(OsvEvent Event, object? Key, int Rank)>();
        foreach (var evt in events)
        {
            if (evt.Kind == OsvEventKind.Introduced && evt.Version == "0")
            {
                keyed.Add((evt, null, 0));
            }
            else if (evt.Kind == OsvEventKind.Limit && evt.Version == "*")
            {
                keyed.Add((evt, null, 2));
            }
            else if (order.TryParse(evt.Version, out var key))
            {
                keyed.Add((evt, key, 1));
            }
        }

        return keyed
            .Select((e, i) => (e, i))
            .OrderBy(x => x.e, Comparer<(OsvEvent Event, object? Key, int Rank)>.Create((a, b) =>
                a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Key is null ? 0 : order.Compare(a.Key, b.Key!)))
            .ThenBy(x => x.i)
            .Select(x => (x.e.Event, x.e.Key))
            .ToList();
    }
}
