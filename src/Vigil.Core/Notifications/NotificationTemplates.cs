using System.Globalization;
using System.Net;

namespace Vigil.Core.Notifications;

public sealed record RenderedNotification(string Subject, string Text, string Html);

/// <summary>
/// The wording of each event, from <see cref="NotificationFacts"/> only (no private report text).
/// Who receives it is the caller's choice: the team for received/triage reminders, the reporter for
/// needs-more-information and the triage outcome, the invited maintainer for the invitation.
/// </summary>
public static class NotificationTemplates
{
    public static RenderedNotification Render(string eventType, NotificationFacts facts)
    {
        var report = $"report #{facts.ReportNumber.ToString(CultureInfo.InvariantCulture)} in {facts.ProgramName}";
        var due = facts.Deadline is { } deadline
            ? Clock.DateWords.Moment(deadline)
            : null;
        var (subject, line) = eventType switch
        {
            NotificationEvent.ReportReceived =>
                ($"New {report}", $"A new {report} was received." + Sentence("Triage is due by", due)),
            NotificationEvent.TriageDueSoon =>
                ($"Triage due soon: {report}", $"Triage of {report} is due" + Due(" by ", due) + "."),
            NotificationEvent.TriageOverdue =>
                ($"Triage overdue: {report}", $"Triage of {report} is overdue" + Due(" since ", due) + "."),
            NotificationEvent.NeedsMoreInformation =>
                ($"More information needed: {report}", $"The triage team needs more information about your {report}."),
            NotificationEvent.Accepted =>
                ($"Accepted: {report}", $"Your {report} was accepted." + Sentence("Publication is due by", due)),
            NotificationEvent.Rejected =>
                ($"Not accepted: {report}", $"Your {report} was not accepted. The reason is on the report page."),
            NotificationEvent.MaintainerInvited =>
                ($"Invitation: {report}", $"You are invited as a maintainer to the private {report}." + Sentence(
                    "Publication is due by", due)),
            NotificationEvent.PublicationDueSoon =>
                ($"Publication due soon: {report}",
                    $"The advisory for {report} is due to be published" + Due(" on ", due) + "."),
            NotificationEvent.MaintainerReminder =>
                ($"Waiting for your answer: {report}",
                    $"The maintainers of {report} have not answered since they were notified. Please read the report "
                    + "and answer the team." + Sentence("Publication is due by", due)),
            NotificationEvent.MaintainersUnresponsive =>
                ($"Maintainers unresponsive: {report}",
                    $"No maintainer has answered {report} since they were notified; the program's admins are told."
                    + Sentence("Publication is due by", due)),
            NotificationEvent.DisputeOpened => ($"Dispute to decide: {report}",
                $"A maintainer says the package of {report} is not affected. The team decides on the report page."),
            NotificationEvent.DisputeDecided => ($"Dispute decided: {report}",
                $"The team decided on a maintainer's dispute of {report}. The decision is on the report page."),
            NotificationEvent.Published => ($"Published: {report}", $"The advisory for {report} is now public."),
            NotificationEvent.Acknowledged => ($"Received: {report}",
                $"Your e-mail was received as {report}. Reply to this message to add to it."
                + Sentence("Triage is due by", due)),
            _ => throw new ArgumentOutOfRangeException(nameof(eventType), eventType, "No template for this event."),
        };
        var link = facts.Link.AbsoluteUri;
        var text = $"{line}\n\nOpen it: {link}\n\n{PlainFooter}\n";
        var html =
            $"<p>{WebUtility.HtmlEncode(line)}</p>\n<p><a href=\"{WebUtility.HtmlEncode(link)}\">Open the "
            + "report</a></p>\n"
            + $"<p>{PlainFooter}</p>\n";
        return new RenderedNotification(subject, text, html);
    }

    public const string PlainFooter = "This message never contains report details; sign in to read them.";

    public const string EncryptedFooter =
        "This message is encrypted to the OpenPGP key of your account, so it may name what the report is about; "
        + "sign in to read the rest.";

    /// <summary>
    /// The bodies of a message to be sent encrypted: <paramref name="privateText"/> (may be null) first, and the
    /// footer saying why it may be there.
    /// </summary>
    public static (string Text, string? Html) Encrypted(string text, string? html, string? privateText)
    {
        var lead = privateText is null ? "" : privateText + "\n\n";
        var encryptedText = lead + text.Replace(PlainFooter, EncryptedFooter, StringComparison.Ordinal);
        var encryptedHtml = html is null
            ? null
            : (privateText is null ? "" : $"<p>{WebUtility.HtmlEncode(privateText)}</p>\n")
                + html.Replace(PlainFooter, EncryptedFooter, StringComparison.Ordinal);
        return (encryptedText, encryptedHtml);
    }

    private static string Due(string prefix, string? due) => due is null ? "" : prefix + due;

    private static string Sentence(string words, string? due) => due is null ? "" : $" {words} {due}.";
}
