using Microsoft.EntityFrameworkCore;
using Vigil.Core.Clock;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Bench.Crash;

/// <summary>
/// The second negative control (<c>--control tamper</c>): while the server is down after a kill, damage the database
/// the way a broken write path would — a comment lost, an attachment's bytes garbled, a report published without its
/// advisory link, a deadline action forgotten (the clock then takes it again) — so the run shows that the checks see
/// each kind of damage. Bulk statements bypass the context's append-only guard, as a bug in a raw write would.
/// </summary>
internal static class Tamper
{
    public static async Task<string?> ApplyAsync(Instance instance, int cycle)
    {
        await using var db = VigilDatabase.Open(instance.Target);
        try
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                if (await ApplyAsync(db, (cycle + attempt) % 4) is { } done)
                {
                    return done;
                }
            }
            return null;
        }
        finally
        {
            VigilDatabase.ClearSqlitePools();
        }
    }

    private static async Task<string?> ApplyAsync(VigilDbContext db, int kind)
    {
        switch (kind)
        {
            case 0:
                var comment = await db.ReportEvents.Where(e => e.Kind == ReportEventKind.Comment)
                    .OrderByDescending(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync();
                if (comment is null)
                {
                    return null;
                }
                await db.ReportEvents.Where(e => e.Id == comment).ExecuteDeleteAsync();
                return $"deleted comment event {comment}";
            case 1:
                var attachment = await db.ReportAttachments.OrderByDescending(a => a.Id).FirstOrDefaultAsync();
                if (attachment is null)
                {
                    return null;
                }
                var garbled = attachment.SealedContent.ToArray();
                garbled[^1] ^= 0xFF;
                await db.ReportAttachments.Where(a => a.Id == attachment.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.SealedContent, garbled));
                return $"flipped the last byte of attachment {attachment.Id}";
            case 2:
                var published = await db.Reports.Where(r => r.AdvisoryId != null)
                    .OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync();
                if (published is null)
                {
                    return null;
                }
                await db.Reports.Where(r => r.Id == published)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.AdvisoryId, (string?)null));
                return $"cut report #{published}'s link to its advisory";
            default:
                var action = await db.DeadlineActions
                    .Where(a => a.Action == DeadlineAction.TriageReminder
                        || a.Action == DeadlineAction.PublicationReminder)
                    .OrderByDescending(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync();
                if (action is null)
                {
                    return null;
                }
                await db.DeadlineActions.Where(a => a.Id == action).ExecuteDeleteAsync();
                return $"deleted deadline action {action}";
        }
    }
}
