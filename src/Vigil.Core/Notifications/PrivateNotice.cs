namespace Vigil.Core.Notifications;

/// <summary>
/// What an e-mail about a report may add when it is encrypted to the recipient's own OpenPGP key
/// (docs/notifications.md): the report's title. It never reaches a webhook, a subject line (headers are not
/// encrypted) or a recipient without a key: <see cref="EnqueueNotification"/> queues it only with a key's
/// fingerprint, and the dispatcher sends it only inside the encryption.
/// </summary>
public sealed record PrivateNotice(string ReportTitle)
{
    public string Render() => $"Report title: {ReportTitle}";
}
