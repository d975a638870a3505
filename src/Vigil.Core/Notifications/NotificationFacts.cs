namespace Vigil.Core.Notifications;

/// <summary>
/// Everything a notification may say about a report. The confidentiality rule (docs/notifications.md) is
/// enforced by this type: there is no field for a title, a description, a proof of concept or anyone's
/// e-mail address, so no template can leak them.
/// </summary>
public sealed record NotificationFacts(
    string ProgramName, long ReportNumber, Uri Link, DateTimeOffset? Deadline = null);
