namespace Vigil.Core.Clock;

public enum DeadlineAction
{
    TriageReminder = 1,
    TriageEscalation = 2,
    PublicationReminder = 3,
    PublishAtDisclosureDate = 4,
    PublishAtDeadline = 5,
    FlagAtDeadline = 6,
    MaintainerReminder = 7,
    MaintainerEscalation = 8,
}

/// <summary>
/// The record that a deadline action was taken. Its unique key (report, action, due instant) is the claim:
/// when several server instances run the clock against one database, the first to insert the row in the
/// transaction that also does the action wins; the others' inserts fail on the key and roll back. A moved
/// deadline (an extension) has a new due instant, so it acts again.
/// </summary>
public sealed class DeadlineActionEntity
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public DeadlineAction Action { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset TakenAt { get; set; }
}
