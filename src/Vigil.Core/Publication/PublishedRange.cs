using Vigil.Versioning.Npm;

namespace Vigil.Core.Publication;

/// <summary>Where a fixed version lies against the reported range.</summary>
public enum FixPlacement
{
    /// <summary>Above some reported versions and inside none: a fix of them.</summary>
    Valid,

    /// <summary>Inside the reported range: publishing it would tell users of reported versions that they are
    /// safe.</summary>
    InsideRange,

    /// <summary>Below every reported version: it fixes nothing that was reported.</summary>
    BelowRange,
}

/// <summary>
/// What an advisory publishes for one package, derived exactly from the reported range and the fixed
/// versions (docs/publication.md, "What is published"): a published range never leaves out a version
/// that was reported affected. Each reported interval ends at the lowest fixed version above it and
/// below the next interval; the last interval with no fix above it stays open (no fixed version exists
/// yet, so later versions are presumed affected); any other interval keeps its reported end.
/// </summary>
public static class PublishedRange
{
    public static FixPlacement Place(EcosystemVersions versions, IReadOnlyList<VersionInterval> reported, string fix)
    {
        if (reported.Any(interval => versions.Contains(interval, fix)))
        {
            return FixPlacement.InsideRange;
        }
        return reported.Any(interval => versions.IsAbove(interval, fix)) ? FixPlacement.Valid : FixPlacement.BelowRange;
    }

    /// <summary>
    /// The reported range with every interval that holds a fixed version cut just below the lowest such fix:
    /// the narrower range a team confirms when the reporter's range was too wide.
    /// </summary>
    public static IReadOnlyList<VersionInterval> NarrowTo(
        EcosystemVersions versions, IReadOnlyList<VersionInterval> reported, IReadOnlyList<string> fixes)
    {
        var narrowed = new List<VersionInterval>();
        foreach (var interval in reported)
        {
            var inside = fixes.Where(f => versions.Contains(interval, f))
                .OrderBy(f => f, Comparer<string>.Create(versions.Compare))
                .FirstOrDefault();
            if (inside is null)
            {
                narrowed.Add(interval);
            }
            else if (interval.Lower is not { } lower || versions.Compare(lower.Version, inside) < 0)
            {
                narrowed.Add(interval with { Upper = new VersionBound(inside, false) });
            }
        }
        return narrowed;
    }

    /// <summary>The published intervals; every fix must be <see cref="FixPlacement.Valid"/>.</summary>
    public static IReadOnlyList<DraftInterval> Derive(
        EcosystemVersions versions, IReadOnlyList<VersionInterval> reported, IReadOnlyList<string> fixes)
    {
        if (fixes.FirstOrDefault(f => Place(versions, reported, f) != FixPlacement.Valid) is { } misplaced)
        {
            throw new ArgumentException($"'{misplaced}' is not a fix of the reported range.", nameof(fixes));
        }
        var ordered = fixes.Distinct(StringComparer.Ordinal)
            .OrderBy(f => f, Comparer<string>.Create(versions.Compare))
            .ToList();
        var published = new List<DraftInterval>();
        for (var i = 0; i < reported.Count; i++)
        {
            var interval = reported[i];
            var next = i + 1 < reported.Count ? reported[i + 1] : null;
            var closing = ordered.FirstOrDefault(f => versions.IsAbove(interval, f)
                && (next?.Lower is not { } nextLower || versions.Compare(f, nextLower.Version) <= 0));
            var introduced = Introduced(versions, interval.Lower);
            if (closing is not null)
            {
                published.Add(new DraftInterval(introduced, Fixed: closing));
            }
            else if (next is null || interval.Upper is null)
            {
                published.Add(new DraftInterval(introduced));
            }
            else
            {
                var upper = interval.Upper;
                published.Add(
                    upper.Inclusive
                        ? new DraftInterval(introduced, LastAffected: upper.Version)
                        : new DraftInterval(introduced, Fixed: upper.Version));
            }
        }
        return published;
    }

    /// <summary>
    /// OSV's <c>introduced</c> is inclusive. An exclusive npm lower bound (<c>&gt;1.0.0</c>) starts at the
    /// next version in node-semver order (<c>1.0.1-0</c>); NuGet has no such successor, so an exclusive NuGet
    /// bound starts at the bound itself: one more version named affected, never one fewer.
    /// </summary>
    private static string Introduced(EcosystemVersions versions, VersionBound? lower)
    {
        if (lower is null)
        {
            return "0";
        }
        if (lower.Inclusive || versions.Ecosystem != "npm")
        {
            return lower.Version;
        }
        var v = NpmVersion.Parse(lower.Version, NpmSemverOptions.NpmAudit);
        return (v.IsPrerelease
            ? new NpmVersion(v.Major, v.Minor, v.Patch, [.. v.Prerelease, NpmPrereleaseIdentifier.FromNumber(0)])
            : new NpmVersion(v.Major, v.Minor, v.Patch + 1, [NpmPrereleaseIdentifier.FromNumber(0)])).ToString();
    }
}
