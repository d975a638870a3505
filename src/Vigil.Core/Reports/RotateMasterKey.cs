using Microsoft.EntityFrameworkCore;
using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.Notifications;

namespace Vigil.Core.Reports;

/// <summary>
/// Re-wraps every report's data key with a new master key, in one transaction: the sealed text, comments,
/// attachments and bounty reasons stay as they are (they are sealed with the per-report keys). The outbox's
/// sealed recipients and bodies, programs' OpenPGP secret keys and the data-protection key ring have keys of
/// their own, re-wrapped too
/// (<see cref="OutboxSeal"/>). Values an older version wrote in clear (outbox addresses and bodies, bounty reasons) are
/// sealed on the way. Keys already wrapped by the new key are left alone, so a second run changes nothing. Servers must
/// be stopped meanwhile and restarted with the new key: a server still on the old key could not open the re-wrapped
/// reports.
/// </summary>
public sealed class RotateMasterKey(VigilDbContext db)
{
    public async Task<int> ExecuteAsync(
        ReportVault current, ReportVault next, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reports = await db.Reports.ToListAsync(cancellationToken);
        var rotated = 0;
        foreach (var report in reports.Where(r => !next.Wrapped(r.WrappedKey)))
        {
            report.WrappedKey = next.Wrap(current.Unwrap(report.WrappedKey));
            rotated++;
        }
        var keys = reports.ToDictionary(r => r.Id, r => r.WrappedKey);
        foreach (var award in await db.Set<BountyAwardEntity>()
            .Where(a => a.Reason != null && !a.Reason.StartsWith("sealed:"))
            .ToListAsync(cancellationToken))
        {
            award.Reason = BountyReason.Seal(next, keys[award.ReportId], award.Reason);
        }
        foreach (var message in await db.OutboxMessages.ToListAsync(cancellationToken))
        {
            message.Recipient = OutboxSeal.Rewrap(current, next, message.Recipient, OutboxSeal.RecipientPurpose);
            message.TextBody = OutboxSeal.Rewrap(current, next, message.TextBody, OutboxSeal.TextPurpose)!;
            message.HtmlBody = OutboxSeal.Rewrap(current, next, message.HtmlBody, OutboxSeal.HtmlPurpose);
            message.ReplyTo = OutboxSeal.Rewrap(current, next, message.ReplyTo, OutboxSeal.ReplyToPurpose);
            message.PrivateText = OutboxSeal.Rewrap(current, next, message.PrivateText, OutboxSeal.PrivatePurpose);
            message.EncryptTo = OutboxSeal.Rewrap(current, next, message.EncryptTo, OutboxSeal.EncryptToPurpose);
        }
        foreach (var key in await db.ProgramOpenPgpKeys.ToListAsync(cancellationToken))
        {
            key.SealedSecretKey = OutboxSeal.Rewrap(
                current, next, key.SealedSecretKey, Programs.ProgramOpenPgpSecretKey.Purpose)!;
        }
        foreach (var key in await db.DataProtectionKeys.Where(k => k.Xml != null).ToListAsync(cancellationToken))
        {
            key.Xml = Security.SealedKeyRing.Rewrap(current, next, key.Xml!);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rotated;
    }
}
