namespace Vigil.Core.Reports;

public sealed record ReportPackageView(string Ecosystem, string Name, string AffectedVersions, string? FixedVersion);

public sealed record TimelineEntry(
    long Id, DateTimeOffset At, string Kind, string Actor, string? FromState, string? ToState, bool Internal,
    string? Detail, string? Text);

/// <summary>The next deadline that matters to the participants, and how long is left (negative when overdue).</summary>
public sealed record Countdown(string Deadline, DateTimeOffset DueAt, TimeSpan Remaining);

/// <summary>One report as a participant may see it: internal notes, duplicate hints and the reporter's e-mail only for
/// the team (the e-mail also for the reporter).</summary>
public sealed record ReportView(
    long Id,
    string ProgramSlug,
    string ProgramName,
    string State,
    string? RejectionReason,
    long? DuplicateOf,
    string Title,
    string Description,
    string? ProofOfConcept,
    string? ReporterEmail,
    string? CreditName,
    IReadOnlyList<ReportPackageView> Packages,
    string? CvssVector,
    double? CvssScore,
    string? Cwe,
    DateTimeOffset SubmittedAt,
    DateTimeOffset TriageDueAt,
    DateTimeOffset? PublicationDueAt,
    DateTimeOffset? DisclosureAt,
    string? AdvisoryId,
    string? CveId,
    string CveState,
    Countdown? Countdown,
    string ViewerRole,
    bool ViewerRecused,
    IReadOnlyList<TimelineEntry> Timeline,
    DuplicateHintsView? DuplicateHints,
    ExtensionVoteView? Extension,
    IReadOnlyList<Attachments.AttachmentView> Attachments,
    bool FinderCreditDeclined,
    IReadOnlyList<ReportCredit> Credits,
    IReadOnlyList<Publication.DraftReference> References,
    bool FinderCreditAnonymous = false,
    bool HeldForReview = false,
    DuplicateGroupView? DuplicateGroup = null,
    IReadOnlyList<DisputeView>? Disputes = null);

/// <summary>
/// The team's view of the group of possible duplicates a report belongs to (found at intake): the group's first report,
/// and each member with its state and why it joined.
/// </summary>
public sealed record DuplicateGroupView(long GroupId, IReadOnlyList<DuplicateGroupMember> Members);

public sealed record DuplicateGroupMember(long Id, string State, string? Reason, long? DuplicateOf);

/// <summary>The latest extension vote: its reason and dates, the count so far (ballots stay secret until it closes) and
/// whether the viewer has voted.</summary>
public sealed record ExtensionVoteView(
    string Reason,
    DateTimeOffset ProposedDueAt,
    DateTimeOffset ClosesAt,
    string Outcome,
    int Cast,
    int Eligible,
    int? Yes,
    int? No,
    bool ViewerVoted);
