using System.Text.Json;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Versioning.Npm;

namespace Vigil.Core.Audit;

/// <summary>
/// Decides whether one installed version is inside an affected row. npm rows use node-semver's
/// <c>satisfies</c> with npm audit's options (@npmcli/metavuln-calculator: loose + includePrerelease);
/// an unparsable range or version matches nothing, as in node-semver. Other ecosystems follow the
/// OSV schema's evaluation of the stored <c>affected</c> entry.
/// </summary>
internal sealed class AffectedMatcher
{
    private readonly Dictionary<string, NpmVersion?> _npmVersions = new(StringComparer.Ordinal);
    private readonly Dictionary<(long, int), Vigil.Versioning.Osv.OsvAffected?> _osv = [];

    public bool Affects(CandidateRow row, string version) =>
        row.Ecosystem == "npm" ? NpmAffects(row.NpmRange, version) : OsvAffects(row, version);

    private bool NpmAffects(string? range, string version)
    {
        if (range is null || !NpmRange.TryParseCached(range, NpmSemverOptions.NpmAudit, out var parsed))
        {
            return false;
        }
        if (!_npmVersions.TryGetValue(version, out var parsedVersion))
        {
            parsedVersion = NpmVersion.TryParse(version, NpmSemverOptions.NpmAudit, out var v) ? v : null;
            _npmVersions.Add(version, parsedVersion);
        }
        return parsedVersion is not null && parsed.IsSatisfiedBy(parsedVersion);
    }

    private bool OsvAffects(CandidateRow row, string version)
    {
        var key = (row.AdvisoryNumber, row.Index);
        if (!_osv.TryGetValue(key, out var affected))
        {
            affected = row.AffectedJson is null ? null
                : JsonSerializer.Deserialize<OsvAffected>(row.AffectedJson, OsvJson.Options) is { } stored
                    ? AffectedRanges.ToEvaluation(stored) : null;
            _osv.Add(key, affected);
        }
        return affected?.IsAffected(version) ?? false;
    }
}
