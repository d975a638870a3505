namespace Vigil.Core.Reports;

public enum ReportEventKind
{
    Submitted = 1,
    StateChanged = 2,
    Comment = 3,
    InternalNote = 4,
    Assigned = 5,
    MaintainerInvited = 6,
    DisclosureDateSet = 7,
    Reminder = 8,
    Escalated = 9,
    Flagged = 10,
    Extension = 11,
    Cve = 12,
    Attachment = 13,
    InvitationAccepted = 14,
    CreditsSet = 15,
    CreditDeclined = 16,
    ReleasedFromReview = 17,
    CreditMadeAnonymous = 18,
    ParticipantRemoved = 19,
    InvitationRevoked = 20,
    RangeNarrowed = 21,
    AdvisoryCorrected = 22,
    Grouped = 23,
    DuplicatesMerged = 24,
    DisputeOpened = 25,
    DisputeDecided = 26,
    VexPublished = 27,
}

/// <summary>Who may read a timeline event: every participant, or the program's team only.</summary>
public enum EventVisibility
{
    Participants = 1,
    Team = 2,
}

/// <summary>
/// One entry of a report's timeline: who did what when. Events are only ever added (the context refuses
/// to update or delete one). Text written by people (comments, notes, reasons) is sealed with the
/// report's key in <see cref="SealedText"/>; <see cref="Detail"/> holds non-private facts (a reason
/// code, a date, an advisory id).
/// </summary>
public sealed class ReportEventEntity
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public DateTimeOffset At { get; set; }
    public ActorKind ActorKind { get; set; }
    public Guid? ActorUserId { get; set; }
    public ReportEventKind Kind { get; set; }
    public ReportState? FromState { get; set; }
    public ReportState? ToState { get; set; }
    public EventVisibility Visibility { get; set; } = EventVisibility.Participants;
    public string? Detail { get; set; }
    public byte[]? SealedText { get; set; }
}
