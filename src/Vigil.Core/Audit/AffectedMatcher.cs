using Vigil.Versioning.Npm;

namespace Vigil.Core.Audit;

/// <summary>
/// Decides whether one installed version is inside an affected row, by <see cref="AffectedRule"/>, for one
/// audit run: each range, version and OSV entry is parsed once per run.
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
        var ranges = rows.Where(r => r.Ecosystem == "npm" && r.NpmRange is not null
            && !_npmRanges.ContainsKey(r.NpmRange))
            .Select(r => r.NpmRange!).Distinct(StringComparer.Ordinal).ToArray();
        var parsed = new NpmRange?[ranges.Length];
        Parallel.For(0, ranges.Length, i => parsed[i] = AffectedRule.NpmRangeOf(ranges[i]));
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
            _npmRanges.Add(range, parsed = AffectedRule.NpmRangeOf(range));
        }
        if (parsed is null)
        {
            return false;
        }
        if (!_npmVersions.TryGetValue(version, out var parsedVersion))
        {
            _npmVersions.Add(version, parsedVersion = AffectedRule.NpmVersionOf(version));
        }
        return AffectedRule.NpmAffects(parsed, parsedVersion);
    }

    private bool OsvAffects(AffectedRow row, string version)
    {
        var key = (row.AdvisoryNumber, row.Index);
        if (!_osv.TryGetValue(key, out var affected))
        {
            _osv.Add(key, affected = AffectedRule.OsvOf(row.AffectedJson));
        }
        return AffectedRule.OsvAffects(affected, version);
    }
}
