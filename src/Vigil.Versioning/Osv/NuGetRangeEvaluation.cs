using NuGet.Versioning;

namespace Vigil.Versioning.Osv;

/// <summary>
/// Thin helpers over NuGet.Versioning for NuGet advisories: range matching (<c>[1.0.0, 2.0.0)</c>,
/// <c>(, 1.2.3]</c>, floating ranges) and the mapping of a version range to OSV events.
/// </summary>
public static class NuGetRangeEvaluation
{
    /// <summary>Whether <paramref name="version"/> is in <paramref name="range"/>; false if either is
    /// unparsable.</summary>
    public static bool Satisfies(string? version, string? range) =>
        range is not null && NuGetVersion.TryParse(version, out var v) && VersionRange.TryParse(range, out var r)
            && r.Satisfies(v);

    /// <summary><see cref="VersionRange.Satisfies(NuGetVersion)"/> (SemVer 2.0 precedence, metadata ignored).</summary>
    public static bool Satisfies(NuGetVersion version, VersionRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return range.Satisfies(version);
    }

    /// <summary>
    /// A NuGet range as one OSV ECOSYSTEM range: <c>[a, b)</c> → introduced a, fixed b; <c>(, b]</c> →
    /// introduced 0, last_affected b. Null for an exclusive lower bound or a floating range.
    /// </summary>
    public static OsvRange? ToOsvRange(VersionRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.IsFloating || (range.HasLowerBound && !range.IsMinInclusive))
        {
            return null;
        }

        var events = new List<OsvEvent>
        {
            OsvEvent.Introduced(range.HasLowerBound ? range.MinVersion!.ToNormalizedString() : "0"),
        };
        if (range.HasUpperBound)
        {
            var max = range.MaxVersion!.ToNormalizedString();
            events.Add(range.IsMaxInclusive ? OsvEvent.LastAffected(max) : OsvEvent.Fixed(max));
        }

        return new OsvRange(OsvRange.Ecosystem, events);
    }
}
