using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Npm.Internal;

namespace Vigil.Versioning.Npm;

public sealed partial class NpmRange
{
    private const int CacheCapacity = 32_768;
    private static readonly ConcurrentDictionary<(string Range, NpmSemverOptions Options), NpmRange?> Cache = new();

    /// <summary>Parses like <c>new Range(value, options)</c>; throws <see cref="FormatException"/> where it
    /// throws.</summary>
    public static NpmRange Parse(string value, NpmSemverOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, options, out var range)
            ? range
            : throw new FormatException($"Invalid SemVer Range: {value}");
    }

    /// <summary>Parses like <c>new Range(value, options)</c>; false where it throws.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? value, NpmSemverOptions options, [NotNullWhen(true)] out NpmRange? range)
    {
        range = null;
        if (value is null)
        {
            return false;
        }

        return TryParsePlain(value, options, out range) || TryParseGeneral(value, options, out range);
    }

    /// <summary>node-semver's whole chain of rewrites (desugaring, loose filtering), for any range.</summary>
    internal static bool TryParseGeneral(
        string value, NpmSemverOptions options, [NotNullWhen(true)] out NpmRange? range)
    {
        range = null;
        var sets = new List<NpmComparator[]>();
        foreach (var part in JsText.TrimAndCollapse(value).Split("||"))
        {
            var set = ParseAlternative(JsText.Trim(part), options, out bool valid);
            if (!valid)
            {
                return false;
            }

            // Empty sets (everything filtered out in loose mode) are dropped; only all-empty throws.
            if (set.Length > 0)
            {
                sets.Add(set);
            }
        }

        if (sets.Count == 0)
        {
            return false;
        }

        range = new NpmRange(Simplify(sets), options);
        return true;
    }

    /// <inheritdoc cref="TryParse(string?, NpmSemverOptions, out NpmRange?)"/>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out NpmRange? range) =>
        TryParse(value, default, out range);

    /// <summary>
    /// <see cref="Parse"/> through a bounded, thread-safe cache: advisories reuse a few thousand ranges.
    /// </summary>
    public static NpmRange ParseCached(string value, NpmSemverOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParseCached(value, options, out var range)
            ? range
            : throw new FormatException($"Invalid SemVer Range: {value}");
    }

    /// <summary><see cref="TryParse(string?, NpmSemverOptions, out NpmRange?)"/> through the cache (invalid ranges are
    /// cached too).</summary>
    public static bool TryParseCached(
        [NotNullWhen(true)] string? value, NpmSemverOptions options, [NotNullWhen(true)] out NpmRange? range)
    {
        if (value is null)
        {
            range = null;
            return false;
        }

        if (!Cache.TryGetValue((value, options), out range))
        {
            if (Cache.Count >= CacheCapacity)
            {
                Cache.Clear(); // crude but bounded; a re-parse is cheap
            }

            TryParse(value, options, out range);
            Cache[(value, options)] = range;
        }

        return range is not null;
    }

    /// <summary>
    /// <c>parseRange</c>: desugar, drop non-comparators in loose mode, build comparators (any invalid
    /// one makes the whole range invalid), a null set wins, duplicates and a redundant ANY go.
    /// </summary>
    private static NpmComparator[] ParseAlternative(string part, NpmSemverOptions options, out bool valid)
    {
        valid = false;
        var comparators = new List<NpmComparator>();
        foreach (var token in NpmRangeDesugar.Desugar(part, options))
        {
            if (options.Loose && !NpmComparator.MatchesPattern(token, loose: true, out _, out _))
            {
                continue;
            }

            if (!NpmComparator.TryParseNormalized(token, options.Loose, out var comparator))
            {
                return [];
            }

            comparators.Add(comparator);
        }

        valid = true;
        var unique = new List<NpmComparator>();
        foreach (var comparator in comparators)
        {
            if (comparator.IsNullSet)
            {
                return [comparator];
            }

            if (!unique.Contains(comparator))
            {
                unique.Add(comparator);
            }
        }

        if (unique.Count > 1)
        {
            unique.RemoveAll(c => c.IsAny);
        }

        return [.. unique];
    }

    /// <summary>With several alternatives: drop null sets (unless all are), and a lone <c>*</c> wins.</summary>
    private static NpmComparator[][] Simplify(List<NpmComparator[]> sets)
    {
        if (sets.Count == 1)
        {
            return [.. sets];
        }

        var kept = sets.Where(c => !c[0].IsNullSet).ToList();
        if (kept.Count == 0)
        {
            return [sets[0]];
        }

        var any = kept.FirstOrDefault(c => c.Length == 1 && c[0].IsAny);
        return any is not null && kept.Count > 1 ? [any] : [.. kept];
    }
}
