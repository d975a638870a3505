namespace Vigil.Core.Advisories;

/// <summary>
/// An advisory as stored: the full OSV document plus the columns that queries filter and sort on.
/// <see cref="Number"/> is a stable integer key, used where a client needs numeric ids (npm audit).
/// </summary>
public sealed class AdvisoryEntity
{
    public long Number { get; set; }
    public required string Id { get; set; }
    public DateTimeOffset Modified { get; set; }
    public DateTimeOffset? Published { get; set; }
    public DateTimeOffset? Withdrawn { get; set; }
    public string? Summary { get; set; }
    public AdvisorySeverity Severity { get; set; }
    public double? CvssScore { get; set; }
    public string? CvssVector { get; set; }

    /// <summary>Which importer (or the program) produced it: "osv", "nswg-npm", "nswg-core", "vigil".</summary>
    public required string Source { get; set; }

    /// <summary>
    /// Who put it here (docs/sync.md, provenance): <see cref="AdvisoryOrigin.Program"/> (published by this
    /// instance's programs), <see cref="AdvisoryOrigin.Import"/> (imported by hand) or the name of the sync
    /// source that mirrors it. A sync never overwrites the first two.
    /// </summary>
    public string Origin { get; set; } = AdvisoryOrigin.Import;

    /// <summary>The OSV 1.7.5 JSON document, the single source of truth for export.</summary>
    public required string Document { get; set; }

    /// <summary>The document's <c>details</c>, for the full-text search (<see cref="AdvisorySearchText"/>).</summary>
    public string? Details { get; set; }

    /// <summary>
    /// What else the full-text search reads: aliases, package names, CWE ids and names, space-separated.
    /// Null only for a row stored before the search existed and not yet indexed (<see cref="AdvisorySearchBackfill"/>).
    /// </summary>
    public string? SearchKeywords { get; set; }

    public List<AdvisoryAliasEntity> Aliases { get; set; } = [];
    public List<AffectedPackageEntity> Affected { get; set; } = [];
    public List<AdvisoryCweEntity> Cwes { get; set; } = [];
}

/// <summary>A CWE id the advisory names (<c>database_specific.cwe_ids</c>), for the search's CWE filter.</summary>
public sealed class AdvisoryCweEntity
{
    public long AdvisoryNumber { get; set; }
    public required string CweId { get; set; }
}

public sealed class AdvisoryAliasEntity
{
    public long AdvisoryNumber { get; set; }
    public required string Alias { get; set; }
}

/// <summary>
/// One (advisory, package, range set) row: what a lockfile audit or an API query matches against.
/// For npm, <see cref="NpmRange"/> is the exact node-semver range (the WG's original
/// <c>vulnerable_versions</c>, or one derived from the OSV events); other ecosystems are evaluated from
/// <see cref="AffectedJson"/> (the OSV <c>affected</c> entry).
/// </summary>
public sealed class AffectedPackageEntity
{
    public long AdvisoryNumber { get; set; }
    public int Index { get; set; }
    public required string Ecosystem { get; set; }
    public required string Name { get; set; }
    public string? NpmRange { get; set; }
    public string? FixedVersion { get; set; }
    public required string AffectedJson { get; set; }
}
