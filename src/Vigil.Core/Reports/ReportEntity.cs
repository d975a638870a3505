namespace Vigil.Core.Reports;

/// <summary>
/// A private vulnerability report. Its text (title, description, proof of concept, the reporter's e-mail)
/// is sealed in <see cref="SealedContent"/> under a key of its own (<see cref="WrappedKey"/>, wrapped by the
/// master key: <see cref="ReportVault"/>); the columns in clear are what the process needs to query:
/// program, state, deadlines, packages, CVSS and CWE.
/// </summary>
public sealed class ReportEntity
{
    /// <summary>The report number (#N), per instance.</summary>
    public long Id { get; set; }
    public long ProgramId { get; set; }
    public ReportState State { get; set; } = ReportState.New;
    public RejectionReason? RejectionReason { get; set; }
    public long? DuplicateOfId { get; set; }

    /// <summary>
    /// The first report of the group of possible duplicates this one joined at intake: an open or published report of
    /// the program naming the same package with an overlapping affected range (<see cref="DuplicateGroups"/>); null:
    /// none.
    /// </summary>
    public long? DuplicateGroupId { get; set; }

    /// <summary>Why it joined the group: the package and the two ranges that overlap (no report text).</summary>
    public string? DuplicateGroupReason { get; set; }

    /// <summary>The reporter's account; null for an anonymous report.</summary>
    public Guid? ReporterUserId { get; set; }

    /// <summary>The account that filed the report (a team member filing on someone's behalf); never triages
    /// it.</summary>
    public Guid? FiledByUserId { get; set; }

    /// <summary>SHA-256 of the anonymous reporter's follow-up token; the token itself is never stored.</summary>
    public byte[]? FollowUpTokenHash { get; set; }

    public required byte[] WrappedKey { get; set; }
    public required byte[] SealedContent { get; set; }

    public string? CvssVector { get; set; }
    public double? CvssScore { get; set; }
    public string? Cwe { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset TriageDueAt { get; set; }
    public DateTimeOffset? TriagedAt { get; set; }
    public DateTimeOffset? PublicationDueAt { get; set; }

    /// <summary>The disclosure date agreed with the maintainers; publication happens then if the report is
    /// fixed.</summary>
    public DateTimeOffset? DisclosureAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public Guid? AssignedTriagerId { get; set; }

    /// <summary>The CVE id, once reserved or recorded (every published vulnerability gets one), and where it
    /// stands.</summary>
    public string? CveId { get; set; }
    public Cve.CveState CveState { get; set; }

    /// <summary>The advisory the report became.</summary>
    public string? AdvisoryId { get; set; }

    /// <summary>
    /// Held for the team's review (docs/community.md, reputation): the reporter's signal was below the program's
    /// minimum, or there was none yet. Listed apart in the queue until the team releases it or decides on it.
    /// </summary>
    public bool HeldForReview { get; set; }

    /// <summary>
    /// Bumped by every change of the report itself, so two concurrent changes cannot both succeed; appends to its
    /// timeline (comments, notes, attachments) leave it alone and so never fail for another write
    /// (<see cref="ReportRaces"/>).
    /// </summary>
    public int Revision { get; set; }

    public List<ReportPackageEntity> Packages { get; set; } = [];
}

/// <summary>A package the report names, with the affected versions as reported and, once fixed, the fix.</summary>
public sealed class ReportPackageEntity
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public required string Ecosystem { get; set; }
    public required string Name { get; set; }

    /// <summary>As the reporter gave them: an npm range (<c>&lt;=1.4.1</c>) or NuGet range.</summary>
    public required string AffectedVersions { get; set; }

    /// <summary>The first patched version, once known (state fixed).</summary>
    public string? FixedVersion { get; set; }
}

/// <summary>Someone invited into one report: a maintainer, by account, or by e-mail until they accept the e-mailed
/// invitation signed in.</summary>
public sealed class ReportParticipantEntity
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public Guid? UserId { get; set; }
    public string? Email { get; set; }
    public DateTimeOffset InvitedAt { get; set; }
    public Guid? InvitedBy { get; set; }

    /// <summary>An e-mail invitation's secret (SHA-256 of the <c>vin_</c> token in the e-mailed link), until it is
    /// accepted.</summary>
    public byte[]? InvitationTokenHash { get; set; }

    /// <summary>When the invitee accepted with a signed-in account (<see cref="UserId"/> is set then).</summary>
    public DateTimeOffset? AcceptedAt { get; set; }
}
