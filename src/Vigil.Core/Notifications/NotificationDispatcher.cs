using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Notifications;

/// <summary>
/// One pass over the outbox: claim due messages with <see cref="LeaseClaim"/> (so concurrent instances never
/// take the same row), send each, then record delivered / retry later with exponential backoff / dead after
/// <see cref="NotificationOptions.MaxAttempts"/>. Recipient and bodies are sealed at rest (<see cref="OutboxSeal"/>)
/// and opened only to send; a delivered message's recipient and bodies are erased at once (a body may hold a
/// maintainer's invitation link), keeping the event, attempts and delivery time, and delivered or dead rows are deleted
/// after
/// <see cref="NotificationOptions.Retention"/>.
/// Opens its own context per pass.
/// </summary>
public sealed class NotificationDispatcher(
    DatabaseTarget target, EmailSender email, WebhookSender webhooks, IOptions<NotificationOptions> options,
    TimeProvider clock, ILogger<NotificationDispatcher> logger, ReportVault vault)
{
    public string Owner { get; } = $"{Environment.MachineName}/{Guid.NewGuid():N}"[..Math.Min(
        100, Environment.MachineName.Length + 33)];

    /// <summary>Sends what is due now; returns how many messages this instance handled (sent or failed).</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var db = VigilDatabase.Open(target);
        var now = clock.GetUtcNow();
        var due = db.OutboxMessages.Where(Due(now)).Where(m => m.LeaseUntil == null || m.LeaseUntil < now);
        if (!email.Configured)
        {
            due = due.Where(m => m.Kind != OutboxKind.Email);
        }
        var candidates = await due.OrderBy(m => m.NextAttempt)
            .ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        var claimed = await LeaseClaim.ClaimAsync(
            db.OutboxMessages, candidates, Due(now), Owner, now, settings.LeaseDuration, cancellationToken);
        foreach (var id in claimed)
        {
            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
            var (error, recipient) = await TrySendAsync(db, message, cancellationToken);
            await RecordAsync(db, message, recipient, error, settings, cancellationToken);
        }
        await PurgeAsync(db, now - settings.Retention, cancellationToken);
        return claimed.Count;
    }

    /// <summary>A message waiting to be sent: pending and due. A delivered or dead one is never claimed again, even
    /// though its lease is free.</summary>
    public static System.Linq.Expressions.Expression<Func<OutboxMessageEntity, bool>> Due(DateTimeOffset now) =>
        m => m.State == OutboxState.Pending && m.NextAttempt <= now;

    /// <summary>Deletes delivered and dead messages last touched before <paramref name="before"/>: the outbox keeps
    /// recipient addresses, which are not kept forever.</summary>
    public static Task<int> PurgeAsync(VigilDbContext db, DateTimeOffset before, CancellationToken cancellationToken) =>
        db.OutboxMessages
            .Where(m => (m.State == OutboxState.Delivered && m.Delivered < before)
                || (m.State == OutboxState.Dead && m.NextAttempt < before))
            .ExecuteDeleteAsync(cancellationToken);

    /// <returns>The error (null: delivered) and the recipient opened, for the log line (masked there).</returns>
    private async Task<(string? Error, string? Recipient)> TrySendAsync(
        VigilDbContext db, OutboxMessageEntity message, CancellationToken cancellationToken)
    {
        string? recipient = null;
        try
        {
            var opened = OutboxSeal.Opened(vault, message);
            recipient = opened.Recipient;
            if (message.Kind == OutboxKind.Email)
            {
                await email.SendAsync(opened, await EncryptionKeyAsync(db, opened.EncryptTo, cancellationToken),
                    cancellationToken);
            }
            else
            {
                await webhooks.SendAsync(db, opened, cancellationToken);
            }
            return (null, recipient);
        }
        catch (DeliveryFailedException e)
        {
            return (e.Message, recipient);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Unknown exception texts may quote addresses or bodies: keep the type only.
            return (e.GetType().Name, recipient);
        }
    }

    /// <summary>
    /// The key to encrypt an e-mail to: the one its recipient's account registered when it was queued, if the account
    /// still has it and it can still encrypt; else null, and the mail goes as to everyone (its private text is
    /// never sent).
    /// </summary>
    private async Task<Org.BouncyCastle.Bcpg.OpenPgp.PgpPublicKey?> EncryptionKeyAsync(
        VigilDbContext db, string? encryptTo, CancellationToken cancellationToken)
    {
        if (encryptTo is not { } fingerprint)
        {
            return null;
        }
        var armored = await db.AccountKeys.AsNoTracking().Where(k => k.Fingerprint == fingerprint)
            .Select(k => k.PublicKey).FirstOrDefaultAsync(cancellationToken);
        return armored is null ? null : Accounts.OpenPgpPublicKey.Stored(armored)?.EncryptionKey(clock.GetUtcNow());
    }

    private async Task RecordAsync(
        VigilDbContext db,
        OutboxMessageEntity message,
        string? recipient,
        string? error,
        NotificationOptions settings,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var attempts = message.Attempts + 1;
        var state = error is null
            ? OutboxState.Delivered
            : attempts >= settings.MaxAttempts ? OutboxState.Dead : OutboxState.Pending;
        DateTimeOffset? delivered = error is null ? now : null;
        var next = error is null ? message.NextAttempt : now + settings.RetryDelay(attempts);
        await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.LeaseOwner == Owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, state)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.Delivered, delivered)
                .SetProperty(m => m.NextAttempt, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.Recipient, m => error == null ? null : m.Recipient)
                .SetProperty(m => m.TextBody, m => error == null ? "" : m.TextBody)
                .SetProperty(m => m.HtmlBody, m => error == null ? null : m.HtmlBody)
                .SetProperty(m => m.ReplyTo, m => error == null ? null : m.ReplyTo)
                .SetProperty(m => m.PrivateText, m => error == null ? null : m.PrivateText)
                .SetProperty(m => m.EncryptTo, m => error == null ? null : m.EncryptTo)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        var to = message.Kind == OutboxKind.Email
            ? Mask.Email(recipient)
            : $"webhook endpoint {message.WebhookEndpointId}";
        if (error is null)
        {
            logger.LogInformation("Notification {Id} ({Event}) delivered to {To}", message.Id, message.EventType, to);
        }
        else
        {
            logger.LogWarning(
                "Notification {Id} ({Event}) to {To} failed, attempt {Attempt}: {Error}; now {State}", message.Id,
                message.EventType, to, attempts, error, state);
        }
    }
}
