using Vigil.Core.Reports;

namespace Vigil.Core.Notifications;

/// <summary>
/// An outbox message's recipient address and bodies are sealed at rest like report text: each value under a
/// random data key of its own (AES-256-GCM), wrapped by the master key (<see cref="ReportVault"/>), stored as
/// <c>sealed:</c> + base64(wrapped key) + <c>.</c> + base64(sealed value) in the existing string columns, so
/// rotating the master key only re-wraps the small keys (<see cref="Rewrap"/>). A value written in clear by
/// an older version reads as is, and rotation seals it.
/// </summary>
public static class OutboxSeal
{
    public const string RecipientPurpose = "vigil:outbox-recipient:v1";
    public const string TextPurpose = "vigil:outbox-text:v1";
    public const string HtmlPurpose = "vigil:outbox-html:v1";
    public const string ReplyToPurpose = "vigil:outbox-reply-to:v1";
    public const string PrivatePurpose = "vigil:outbox-private:v1";
    public const string EncryptToPurpose = "vigil:outbox-encrypt-to:v1";
    private const string Prefix = "sealed:";

    public static string Seal(ReportVault vault, string value, string purpose)
    {
        var (dataKey, wrapped) = vault.NewDataKey();
        return Prefix + Convert.ToBase64String(wrapped) + "." + Convert.ToBase64String(
            ReportVault.Seal(dataKey, value, purpose));
    }

    public static string? Open(ReportVault vault, string? stored, string purpose)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }
        var (wrapped, sealedValue) = Parts(stored);
        return ReportVault.Open(vault.Unwrap(wrapped), sealedValue, purpose);
    }

    /// <summary>The value with its data key wrapped by <paramref name="next"/>; a value in clear is sealed.</summary>
    public static string? Rewrap(ReportVault current, ReportVault next, string? stored, string purpose)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return stored;
        }
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Seal(next, stored, purpose);
        }
        var (wrapped, sealedValue) = Parts(stored);
        return next.Wrapped(wrapped)
            ? stored
            : Prefix + Convert.ToBase64String(
                next.Wrap(current.Unwrap(wrapped))) + "." + Convert.ToBase64String(sealedValue);
    }

    /// <summary>A detached copy of <paramref name="message"/> with its recipient and bodies opened, to send.</summary>
    public static OutboxMessageEntity Opened(ReportVault vault, OutboxMessageEntity message) => new()
    {
        Id = message.Id,
        Kind = message.Kind,
        EventType = message.EventType,
        Recipient = Open(vault, message.Recipient, RecipientPurpose),
        WebhookEndpointId = message.WebhookEndpointId,
        Subject = message.Subject,
        TextBody = Open(vault, message.TextBody, TextPurpose)!,
        HtmlBody = Open(vault, message.HtmlBody, HtmlPurpose),
        ReplyTo = Open(vault, message.ReplyTo, ReplyToPurpose),
        EncryptTo = Open(vault, message.EncryptTo, EncryptToPurpose),
        PrivateText = Open(vault, message.PrivateText, PrivatePurpose),
        State = message.State,
        Created = message.Created,
        NextAttempt = message.NextAttempt,
        Delivered = message.Delivered,
        Attempts = message.Attempts,
        LastError = message.LastError,
    };

    private static (byte[] Wrapped, byte[] Sealed) Parts(string stored)
    {
        var dot = stored.IndexOf('.', Prefix.Length);
        return (Convert.FromBase64String(stored[Prefix.Length..dot]), Convert.FromBase64String(stored[(dot + 1)..]));
    }
}
