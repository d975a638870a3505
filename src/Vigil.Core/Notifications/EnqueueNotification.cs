using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Notifications;

/// <summary>
/// One e-mail's recipient and, for mail from a report, the recipient's own reply address and the fingerprint of the
/// OpenPGP key their account registered (the mail is then encrypted to it, docs/notifications.md).
/// </summary>
public sealed record MailRecipient(string Address, string? ReplyTo = null, string? EncryptTo = null);

/// <summary>
/// Queues the notifications for one event on the caller's <see cref="VigilDbContext"/> without saving:
/// the caller's <c>SaveChanges</c> commits the state change and its notifications together, or neither.
/// Takes <see cref="NotificationFacts"/> only, so private report text cannot be put in a message. The recipient
/// and the bodies are sealed at rest (<see cref="OutboxSeal"/>).
/// </summary>
public sealed class EnqueueNotification(VigilDbContext db, TimeProvider clock, ReportVault vault)
{
    /// <summary>Queues one e-mail per recipient.</summary>
    public void Email(string eventType, NotificationFacts facts, IEnumerable<string> recipients) =>
        Email(eventType, facts, recipients.Select(r => new MailRecipient(r)));

    /// <summary>
    /// Queues one e-mail per recipient, each with its own <c>Reply-To</c> when it has one. A recipient with a key
    /// (<see cref="MailRecipient.EncryptTo"/>) also gets <paramref name="notice"/>, which is sent only encrypted.
    /// </summary>
    public void Email(
        string eventType, NotificationFacts facts, IEnumerable<MailRecipient> recipients, PrivateNotice? notice = null)
    {
        var rendered = NotificationTemplates.Render(eventType, facts);
        var now = clock.GetUtcNow();
        foreach (var recipient in recipients.DistinctBy(r => r.Address, StringComparer.OrdinalIgnoreCase))
        {
            if (!MimeKit.MailboxAddress.TryParse(recipient.Address, out _))
            {
                throw new Errors.ValidationFailedException("A notification recipient is not an e-mail address.");
            }
            db.OutboxMessages.Add(new OutboxMessageEntity
            {
                Kind = OutboxKind.Email,
                EventType = eventType,
                Recipient = OutboxSeal.Seal(vault, recipient.Address, OutboxSeal.RecipientPurpose),
                Subject = rendered.Subject,
                TextBody = OutboxSeal.Seal(vault, rendered.Text, OutboxSeal.TextPurpose),
                HtmlBody = rendered.Html is null ? null : OutboxSeal.Seal(vault, rendered.Html, OutboxSeal.HtmlPurpose),
                ReplyTo = recipient.ReplyTo is null
                    ? null
                    : OutboxSeal.Seal(vault, recipient.ReplyTo, OutboxSeal.ReplyToPurpose),
                EncryptTo = recipient.EncryptTo is null
                    ? null
                    : OutboxSeal.Seal(vault, recipient.EncryptTo, OutboxSeal.EncryptToPurpose),
                PrivateText = recipient.EncryptTo is null || notice is null
                    ? null
                    : OutboxSeal.Seal(vault, notice.Render(), OutboxSeal.PrivatePurpose),
                Created = now,
                NextAttempt = now,
            });
        }
    }

    /// <summary>Queues one account e-mail (<see cref="AccountMail"/>) to one address.</summary>
    public void AccountEmail(AccountMail mail, string recipient)
    {
        if (!MimeKit.MailboxAddress.TryParse(recipient, out _))
        {
            throw new Errors.ValidationFailedException("A notification recipient is not an e-mail address.");
        }
        var rendered = mail.Render();
        var now = clock.GetUtcNow();
        db.OutboxMessages.Add(new OutboxMessageEntity
        {
            Kind = OutboxKind.Email,
            EventType = mail.EventType,
            Recipient = OutboxSeal.Seal(vault, recipient, OutboxSeal.RecipientPurpose),
            Subject = rendered.Subject,
            TextBody = OutboxSeal.Seal(vault, rendered.Text, OutboxSeal.TextPurpose),
            HtmlBody = OutboxSeal.Seal(vault, rendered.Html, OutboxSeal.HtmlPurpose),
            Created = now,
            NextAttempt = now,
        });
    }

    /// <summary>Queues one webhook per enabled endpoint of the program whose filter accepts the event.</summary>
    public async Task WebhooksAsync(
        string eventType, long programId, NotificationFacts facts, CancellationToken cancellationToken)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(w => w.ProgramId == programId && w.Enabled)
            .ToListAsync(cancellationToken);
        var rendered = NotificationTemplates.Render(eventType, facts);
        var payload = WebhookPayload.Serialize(eventType, facts, clock.GetUtcNow());
        var now = clock.GetUtcNow();
        foreach (var endpoint in endpoints.Where(e => e.Accepts(eventType)))
        {
            db.OutboxMessages.Add(new OutboxMessageEntity
            {
                Kind = OutboxKind.Webhook,
                EventType = eventType,
                WebhookEndpointId = endpoint.Id,
                Subject = rendered.Subject,
                TextBody = OutboxSeal.Seal(vault, payload, OutboxSeal.TextPurpose),
                Created = now,
                NextAttempt = now,
            });
        }
    }
}
