using Vigil.Core.Advisories;
using Vigil.Core.Npm;

namespace Vigil.Core.Matching;

/// <summary>
/// One matching affected entry (an advisory can match through several entries for one package). Immutable:
/// the <see cref="AffectedSnapshot"/> builds one per indexed row and every request shares it, so what a wire
/// format renders from it can be kept as long as it lives. A changed advisory yields a new snapshot and new
/// matches. Plain data: the web layer renders it for each client.
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

    /// <summary>
    /// The patched range the record carries (<see cref="NpmPatchedVersions.Kept"/>); null when it has none.
    /// </summary>
    public string? KeptPatched { get; } = keptPatched;

    private string? _patched;

    /// <summary>
    /// npm's <c>patched_versions</c> (<see cref="NpmPatchedVersions.Served"/>), made on first use; null for a row
    /// without an npm range.
    /// </summary>
    public string? PatchedVersions =>
        NpmRange is null ? null : _patched ??= NpmPatchedVersions.Served(NpmRange, KeptPatched, FixedVersion);
}
