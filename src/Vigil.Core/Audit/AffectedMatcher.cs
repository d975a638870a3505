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
    private readonly Dictionary<string, NpmRange?> _npmRanges = new(StringComparer.Ordinal);
    private readonly Dictionary<(long, int), Vigil.Versioning.Osv.OsvAffected?> _osv = [];

    /// <summary>
    /// Parses every distinct npm range of the rows once, in parallel: thousands of rows share a few
    /// thousand ranges, and parsing them was a fifth of an audit's time (docs/performance.md, benchmark b).
    /// </summary>
    public void PrepareNpmRanges(IEnumerable<AffectedRow> rows)
    {
        var ranges = rows.Where(r => r.Ecosystem == "npm" && r.NpmRange is not null && !_npmRanges.ContainsKey(r.NpmRange))
            .Select(r => r.NpmRange!).Distinct(StringComparer.Ordinal).ToArray();
        var parsed = new NpmRange?[ranges.Length];
        Parallel.For(0, ranges.Length, i => parsed[i] = NpmRange.TryParse(ranges[i], NpmSemverOptions.NpmAudit, out var range) ? range : null);
        for (var i = 0; i < ranges.Length; i++)
        {
            _npmRanges.Add(ranges[i], parsed[i]);
        }
    }

    public bool Affects(AffectedRow row, string version) =>
        row.Ecosystem == "npm" ? NpmAffects(row.NpmRange, version) : OsvAffects(row, version);

    private bool NpmAffects(string? range, string version)
    {
        if (range is null)
        {
            return false;
        }
        if (!_npmRanges.TryGetValue(range, out var parsed))
        {
            parsed = NpmRange.TryParse(range, NpmSemverOptions.NpmAudit, out var r) ? r : null;
            _npmRanges.Add(range, parsed);
        }
        if (parsed is null)
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

    private bool OsvAffects(AffectedRow row, string version)
    {
        var key = (row.AdvisoryNumber, row.Index);
        if (!_osv.TryGetValue(key, out var affected))
        {
            affected = row.AffectedJson is null ? null
                : JsonSerializer.Deserialize(row.AffectedJson, OsvAffectedJson.Default.OsvAffected) is { } stored
                    ? AffectedRanges.ToEvaluation(stored) : null;
            _osv.Add(key, affected);
        }
        return affected?.IsAffected(version) ?? false;
    }
}
