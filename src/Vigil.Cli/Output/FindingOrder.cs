using NuGet.Versioning;
using Vigil.Core.Advisories;
using Vigil.Core.Audit;
using Vigil.Versioning.Npm;

namespace Vigil.Cli.Output;

/// <summary>
/// The one order every audit output uses: most severe first, then package, version (by the
/// ecosystem's own version rules, not as strings: 0.0.10 comes after 0.0.8), then advisory id.
/// </summary>
internal sealed class FindingOrder : IComparer<AuditFinding>
{
    public static readonly FindingOrder Instance = new();

    public static IReadOnlyList<AuditFinding> Sort(IEnumerable<AuditFinding> findings) => [.. findings.Order(Instance)];

    public int Compare(AuditFinding? x, AuditFinding? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }
        return FirstDifference(
            Rank(y.Severity).CompareTo(Rank(x.Severity)),
            string.CompareOrdinal(x.Package, y.Package),
            string.CompareOrdinal(x.Ecosystem, y.Ecosystem),
            x.Ecosystem == y.Ecosystem ? CompareVersions(x.Ecosystem, x.Version, y.Version) : 0,
            string.CompareOrdinal(x.Id, y.Id));
    }

    private static int FirstDifference(params ReadOnlySpan<int> comparisons)
    {
        foreach (var comparison in comparisons)
        {
            if (comparison != 0)
            {
                return comparison;
            }
        }
        return 0;
    }

    /// <summary>An unknown severity sorts with high: <see cref="AuditReport.FailsAt"/> treats it like high too.</summary>
    private static int Rank(AdvisorySeverity severity) =>
        severity == AdvisorySeverity.Unknown ? (int)AdvisorySeverity.High : (int)severity;

    private static int CompareVersions(string ecosystem, string x, string y)
    {
        if (ecosystem == "npm" && NpmVersion.TryParse(x, out var npmX) && NpmVersion.TryParse(y, out var npmY))
        {
            return npmX.CompareTo(npmY);
        }
        if (ecosystem == "NuGet" && NuGetVersion.TryParse(x, out var nugetX) && NuGetVersion.TryParse(y, out var nugetY))
        {
            return nugetX.CompareTo(nugetY);
        }
        return string.CompareOrdinal(x, y);
    }
}
