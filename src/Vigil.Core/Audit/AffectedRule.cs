using System.Text.Json;
using Vigil.Core.Advisories;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Osv;

namespace Vigil.Core.Audit;

/// <summary>
/// The one rule for whether a version is inside an affected row, shared by the audit
/// (<see cref="AffectedMatcher"/>, parsed per run) and the server's matching index
/// (<see cref="Compat.IndexedAffected"/>, parsed per snapshot), so the CLI and the APIs cannot disagree.
/// npm rows use node-semver's <c>satisfies</c> with npm audit's options (@npmcli/metavuln-calculator:
/// loose + includePrerelease); an unparsable range or version matches nothing, as in node-semver. Other
/// ecosystems follow the OSV schema's evaluation of the stored <c>affected</c> entry.
/// </summary>
internal static class AffectedRule
{
    /// <summary>A version as npm audit reads it; null when it is not semver (OSV rows still test the text).</summary>
    public static NpmVersion? NpmVersionOf(string version) =>
        NpmVersion.TryParse(version, NpmSemverOptions.NpmAudit, out var parsed) ? parsed : null;

    /// <summary>An npm row's range; null when absent or unparsable (then it matches nothing).</summary>
    public static NpmRange? NpmRangeOf(string? range) =>
        range is not null && NpmRange.TryParse(range, NpmSemverOptions.NpmAudit, out var parsed) ? parsed : null;

    /// <summary>Another ecosystem's stored <c>affected</c> entry, ready to evaluate; null when absent.</summary>
    public static OsvAffected? OsvOf(string? affectedJson) =>
        affectedJson is not null
            && JsonSerializer.Deserialize(affectedJson, OsvAffectedJson.Default.OsvAffected) is { } stored
            ? AffectedRanges.ToEvaluation(stored)
            : null;

    public static bool NpmAffects(NpmRange? range, NpmVersion? version) =>
        range is not null && version is not null && range.IsSatisfiedBy(version);

    public static bool OsvAffects(OsvAffected? affected, string version) => affected?.IsAffected(version) ?? false;
}
