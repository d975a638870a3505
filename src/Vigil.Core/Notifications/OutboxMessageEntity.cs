namespace Vigil.Core.Notifications;

public enum OutboxKind
{
    Email = 0,
    Webhook = 1,
}

public enum OutboxState
{
    Pending = 0,
    Delivered = 1,
    Dead = 2,
}

/// <summary>
/// One notification waiting to be sent, written in the same transaction as the state change it announces.
/// Bodies carry only what <see cref="NotificationFacts"/> allows (docs/notifications.md, "Confidentiality").
/// </summary>
public sealed class OutboxMessageEntity : ILeased
{
    public long Id { get; set; }
    public OutboxKind Kind { get; set; }
    public required string EventType { get; set; }

    /// <summary>An e-mail address for <see cref="OutboxKind.Email"/>, sealed (<see cref="OutboxSeal"/>); unused for
    /// webhooks; erased once delivered.</summary>
    public string? Recipient { get; set; }

    /// <summary>The endpoint a webhook goes to (<see cref="WebhookEndpointEntity.Id"/>).</summary>
    public long? WebhookEndpointId { get; set; }

    public required string Subject { get; set; }
    /// <summary>The text body (the JSON payload of a webhook), sealed; erased once delivered. So is
    /// <see cref="HtmlBody"/>.</summary>
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }

    /// <summary>
    /// The e-mail's <c>Reply-To</c>: a per-participant reply address (docs/email.md), sealed; erased once delivered.
    /// </summary>
    public string? ReplyTo { get; set; }

    /// <summary>
    /// The fingerprint of the OpenPGP key the recipient's account registered when the message was queued: the e-mail
    /// is sent encrypted to that key if the account still has it when sent, else as to everyone. Sealed like the
    /// recipient, whom it would name; erased once delivered.
    /// </summary>
    public string? EncryptTo { get; set; }

    /// <summary>
    /// What only the encrypted e-mail may add (<see cref="PrivateNotice"/>: the report's title), sealed; sent only
    /// inside the encryption to <see cref="EncryptTo"/>, never in clear; erased once delivered.
    /// </summary>
    public string? PrivateText { get; set; }

    public OutboxState State { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset NextAttempt { get; set; }
    public DateTimeOffset? Delivered { get; set; }
    public int Attempts { get; set; }

    /// <summary>Why the last attempt failed: an exception type and a status, never a secret or a body.</summary>
    public string? LastError { get; set; }

    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}
