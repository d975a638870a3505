using Vigil.Core.Advisories;
using Vigil.Core.Npm;

namespace Vigil.Core.Matching;

/// <summary>
/// One matching affected entry (an advisory can match through several entries for one package). Immutable:
/// the <see cref="AffectedSnapshot"/> builds one per indexed row and every request shares it, so its
/// <see cref="Renderings"/> are made once per snapshot. A changed advisory yields a new snapshot and new matches.
/// </summary>
public sealed class AffectingMatch(
    long advisoryNumber, int index, string id, DateTimeOffset modified, string ecosystem, string name, string? npmRange,
    AdvisorySeverity severity, double? cvssScore, string? cvssVector, string? summary, string? fixedVersion = null,
    string? keptPatched = null)
{
    public long AdvisoryNumber { get; } = advisoryNumber;

    /// <summary>The affected entry's index in the advisory's <c>affected</c> list.</summary>
    public int Index { get; } = index;

    public string Id { get; } = id;

    public DateTimeOffset Modified { get; } = modified;

    public string Ecosystem { get; } = ecosystem;

    public string Name { get; } = name;

    public string? NpmRange { get; } = npmRange;

    public AdvisorySeverity Severity { get; } = severity;

    public double? CvssScore { get; } = cvssScore;

    public string? CvssVector { get; } = cvssVector;

    public string? Summary { get; } = summary;

    public string? FixedVersion { get; } = fixedVersion;

    /// <summary>The patched range the record carries (<see cref="NpmPatchedVersions.Kept"/>); null when it has none.</summary>
    public string? KeptPatched { get; } = keptPatched;

    private string? _patched;

    /// <summary>npm's <c>patched_versions</c> (<see cref="NpmPatchedVersions.Served"/>), made on first use; null for a row without an npm range.</summary>
    public string? PatchedVersions => NpmRange is null ? null : _patched ??= NpmPatchedVersions.Served(NpmRange, KeptPatched, FixedVersion);

    private MatchRenderings? _renderings;

    /// <summary>
    /// This match as the wire formats write it, each rendered on first use and kept. Made on first use too:
    /// most rows are never asked for. Two threads may each make one at once; the loser's rendering is made again later.
    /// </summary>
    public MatchRenderings Renderings => _renderings ??= new();
}

/// <summary>
/// The UTF-8 JSON a wire format writes for one <see cref="AffectingMatch"/>, made once and reused: a dense
/// 1,000-package answer carries over a thousand matches, and rendering them afresh was much of its cost
/// (docs/performance.md, benchmark c). Requests share it across threads: two may render the same match at
/// once, and either result is the same bytes.
/// </summary>
public sealed class MatchRenderings
{
    /// <summary>OSV's vulnerability reference, <c>{"id":…,"modified":…}</c> (querybatch).</summary>
    public byte[]? OsvRef { get; set; }

    /// <summary>npm's bulk advisory; its <c>url</c> names this instance, so it is kept with the base URL it was made for.</summary>
    public UrlRendering? NpmBulk { get; set; }
}

/// <summary>A rendering that embeds this instance's public base URL.</summary>
public sealed record UrlRendering(string BaseUrl, byte[] Json);
