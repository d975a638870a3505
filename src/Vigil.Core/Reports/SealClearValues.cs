using Microsoft.EntityFrameworkCore;
using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.Notifications;

namespace Vigil.Core.Reports;

/// <summary>
/// Seals, with the current master key, the values an older version wrote in clear: outbox recipients and
/// bodies, and bounty award reasons. The server runs it at start-up once the key is known to open the
/// stored reports (docs/disclosure.md, encryption at rest), so no clear value outlives an upgrade; a second
/// run finds nothing to do.
/// </summary>
public sealed class SealClearValues(VigilDbContext db)
{
    private const string Sealed = "sealed:";

    /// <returns>How many rows were sealed.</returns>
    public async Task<int> ExecuteAsync(ReportVault vault, CancellationToken cancellationToken = default)
    {
        var awards = await db.Set<BountyAwardEntity>()
            .Where(a => a.Reason != null && a.Reason != "" && !a.Reason.StartsWith(Sealed))
            .ToListAsync(cancellationToken);
        var messages = await db.OutboxMessages
            .Where(m => (m.Recipient != null && m.Recipient != "" && !m.Recipient.StartsWith(Sealed))
                || (m.TextBody != "" && !m.TextBody.StartsWith(Sealed))
                || (m.HtmlBody != null && m.HtmlBody != "" && !m.HtmlBody.StartsWith(Sealed)))
            .ToListAsync(cancellationToken);
        if (awards.Count == 0 && messages.Count == 0)
        {
            return 0;
        }
        var keys = await db.Reports.AsNoTracking()
            .Where(r => awards.Select(a => a.ReportId).Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.WrappedKey, cancellationToken);
        foreach (var award in awards)
        {
            award.Reason = BountyReason.Seal(vault, keys[award.ReportId], award.Reason);
        }
        foreach (var message in messages)
        {
            message.Recipient = OutboxSeal.Rewrap(vault, vault, message.Recipient, OutboxSeal.RecipientPurpose);
            message.TextBody = OutboxSeal.Rewrap(vault, vault, message.TextBody, OutboxSeal.TextPurpose)!;
            message.HtmlBody = OutboxSeal.Rewrap(vault, vault, message.HtmlBody, OutboxSeal.HtmlPurpose);
        }
        await db.SaveChangesAsync(cancellationToken);
        return awards.Count + messages.Count;
    }
}
