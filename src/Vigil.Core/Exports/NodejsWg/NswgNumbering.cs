using Vigil.Core.Advisories;
using Vigil.Core.Imports.NodejsWg;

namespace Vigil.Core.Exports.NodejsWg;

/// <summary>
/// The WG numbers of an advisory. A WG record keeps its own (<c>NSWG-ECO-12</c> → <c>npm/12.json</c>),
/// taken from the id or an alias. Any other advisory gets
/// <c>1000000 + 100 × its stable database number + k</c>, k being the index of the npm package among
/// the advisory's npm packages (the WG format names one module per record): the same advisory gets the
/// same file in every export, and never one of the WG's own numbers (which stayed below 1000).
/// </summary>
internal static class NswgNumbering
{
    public const long GeneratedBase = 1_000_000;
    public const int MaxPackagesPerAdvisory = 100;

    public static long Npm(StoredAdvisory advisory, int packageIndex) =>
        packageIndex == 0
            && NswgFormat.Number(
                NswgFormat.NpmIdPrefix, advisory.Vulnerability.Id, advisory.Vulnerability.Aliases) is { } own
            ? own
            : Generated(advisory, packageIndex);

    public static long Core(StoredAdvisory advisory) =>
        NswgFormat.Number(NswgFormat.CoreIdPrefix, advisory.Vulnerability.Id, advisory.Vulnerability.Aliases)
            ?? Generated(advisory, 0);

    private static long Generated(StoredAdvisory advisory, int packageIndex) =>
        GeneratedBase + (advisory.Number * MaxPackagesPerAdvisory) + packageIndex;
}
