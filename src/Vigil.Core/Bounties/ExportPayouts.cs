using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Core.Bounties;

/// <summary>
/// The payout list a program admin hands to whoever pays (Vigil calls no payment provider): one CSV row per
/// share. RFC 4180 quoting and CSV-injection escaping (a cell starting with = + - @ gets a leading quote) are
/// CsvHelper's.
/// </summary>
public sealed class ExportPayouts(VigilDbContext db, ReportVault vault)
{
    public static readonly string[] Header =
        [
            "report", "advisory", "severity", "recipient", "account", "email", "amount", "currency", "state",
            "awarded_at", "paid_at", "reason"
        ];

    /// <param name="state">Only shares in this state (awarded, paid, declined); null: all.</param>
    public async Task<string> ExecuteAsync(
        string slug, Actor actor, string? state, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        BountyPaymentState? only = state switch
        {
            null or "" => null,
            "awarded" => BountyPaymentState.Awarded,
            "paid" => BountyPaymentState.Paid,
            "declined" => BountyPaymentState.Declined,
            _ =>
                throw ProgramAdminAccess.Invalid(
                    "state", $"'{state}' is not a payment state (awarded, paid, declined)."),
        };
        var rows = await (
            from p in db.Set<BountyPaymentEntity>().AsNoTracking()
            join a in db.Set<BountyAwardEntity>() on p.AwardId equals a.Id
            join r in db.Reports on a.ReportId equals r.Id
            where a.ProgramId == program.Id && (only == null || p.State == only)
            select new
            {
                ReportId = r.Id,
                r.WrappedKey,
                r.AdvisoryId,
                r.ReporterUserId,
                a.Severity,
                p.Recipient,
                p.UserId,
                p.Amount,
                a.Currency,
                p.State,
                a.AwardedAt,
                p.PaidAt,
                a.Reason,
            })
            .ToListAsync(cancellationToken);
        var accounts = rows.Select(r => r.UserId ?? r.ReporterUserId).OfType<Guid>().Distinct().ToList();
        var emails = await db.Users.AsNoTracking()
            .Where(u => accounts.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(
            text, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            foreach (var row in rows.OrderBy(r => r.ReportId).ThenBy(r => r.Recipient))
            {
                var account = row.Recipient == BountyRecipient.Finder ? row.ReporterUserId : row.UserId;
                csv.WriteRecord([
                    row.ReportId.ToString(CultureInfo.InvariantCulture),
                    row.AdvisoryId ?? "",
                    row.Severity,
                    row.Recipient.Name(),
                    account?.ToString() ?? "anonymous",
                    account is { } id && emails.TryGetValue(id, out var email) ? email ?? "" : "",
                    row.Amount.ToString("0.####", CultureInfo.InvariantCulture),
                    row.Currency,
                    row.State.Name(),
                    row.AwardedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    row.PaidAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                    BountyReason.Open(vault, row.WrappedKey, row.Reason) ?? "",
                ]);
            }
        }
        return text.ToString();
    }
}
