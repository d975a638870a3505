using NuGet.Versioning;
using Vigil.Core.Advisories;
using Vigil.Core.Audit;
using Vigil.Versioning.Npm;

namespace Vigil.Cli.Output;

/// <summary>
/// The one order every audit output uses: most severe first, then package, version (by the
/// ecosystem's own version rules, not as strings: 0.0.10 comes after 0.0.8), then advisory id.
/// Each finding's key (its version parsed once) is made before sorting: parsing both versions in
/// every comparison was most of a dense audit's output time (docs/performance.md, benchmark b).
/// </summary>
internal static class FindingOrder
{
    public static IReadOnlyList<AuditFinding> Sort(IEnumerable<AuditFinding> findings)
    {
        var keyed = findings.Select(f => new Keyed(f, Rank(f.Severity), NpmVersionOf(f), NuGetVersionOf(f))).ToArray();
        Array.Sort(keyed, Compare);
        return Array.ConvertAll(keyed, k => k.Finding);
    }

    private static int Compare(Keyed x, Keyed y)
    {
        var comparison = y.Rank.CompareTo(x.Rank);
        if (comparison == 0)
        {
            comparison = string.CompareOrdinal(x.Finding.Package, y.Finding.Package);
        }
        if (comparison == 0)
        {
            comparison = string.CompareOrdinal(x.Finding.Ecosystem, y.Finding.Ecosystem);
        }
        if (comparison == 0)
        {
            comparison = CompareVersions(x, y);
        }
        return comparison != 0 ? comparison : string.CompareOrdinal(x.Finding.Id, y.Finding.Id);
    }

    /// <summary>
    /// An unknown severity sorts with high: <see cref="AuditReport.FailsAt"/> treats it like high too.
    /// </summary>
    private static int Rank(AdvisorySeverity severity) =>
        severity == AdvisorySeverity.Unknown ? (int)AdvisorySeverity.High : (int)severity;

    private static NpmVersion? NpmVersionOf(AuditFinding finding) =>
        finding.Ecosystem == "npm" && NpmVersion.TryParse(finding.Version, out var version) ? version : null;

    private static NuGetVersion? NuGetVersionOf(AuditFinding finding) =>
        finding.Ecosystem == "NuGet" && NuGetVersion.TryParse(finding.Version, out var version) ? version : null;

    /// <summary>Same ecosystem: by its rules when both versions parse, else as ordinal strings.</summary>
    private static int CompareVersions(Keyed x, Keyed y)
    {
        if (x.Npm is not null && y.Npm is not null)
        {
            return x.Npm.CompareTo(y.Npm);
        }
        if (x.NuGet is not null && y.NuGet is not null)
        {
            return x.NuGet.CompareTo(y.NuGet);
        }
        return string.CompareOrdinal(x.Finding.Version, y.Finding.Version);
    }

    private sealed record Keyed(AuditFinding Finding, int Rank, NpmVersion? Npm, NuGetVersion? NuGet);
}
