using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.SavedReplies;

namespace Vigil.Core.Reports;

/// <summary>One triage answer for several reports: reject them all (not a duplicate: those are merged), or ask each the
/// same question.</summary>
public enum BulkTriage
{
    Reject = 1,
    AskForInformation = 2,
}

/// <summary>
/// One action for many (docs/disclosure.md, the team's API): the same triage answer given to several new reports of a
/// program in one step, e.g. a wave of spam rejected, or the same question asked of every report lacking a proof of
/// concept. Each report gets exactly what <see cref="TriageReport"/> gives one (state, timeline, the reporter told),
/// and all of them or none: a report that is not new, not of the program, or that the caller is recused from
/// (four-eyes) stops the whole action. Duplicates are closed with <see cref="MergeDuplicates"/>, which names the report
/// that stands. The text is the same for each, its saved-reply placeholders (<c>{report}</c>, <c>{package}</c>,
/// <c>{program}</c>, <see cref="SavedReplyText"/>) filled for each report, so one saved reply reads right on all.
/// </summary>
public sealed class TriageMany(VigilDbContext db, TriageReport triage)
{
    public const int MaxReports = 100;

    public async Task<IReadOnlyList<long>> ExecuteAsync(
        string programSlug, Actor actor, IReadOnlyList<long> ids, BulkTriage action,
        RejectionReason? reason, string? text, CancellationToken cancellationToken = default)
    {
        var program = await db.Programs.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Slug == programSlug, cancellationToken);
        if (program is null || !await ReportAccess.IsTeamAsync(db, program.Id, actor, cancellationToken))
        {
            throw new NotFoundException($"No program '{programSlug}'.");
        }
        var wanted = ids.Distinct().ToList();
        var found = await db.Reports.AsNoTracking()
            .Where(r => r.ProgramId == program.Id && wanted.Contains(r.Id))
            .Select(r => new { r.Id, r.State })
            .ToDictionaryAsync(r => r.Id, r => r.State, cancellationToken);
        Check(ids, action, reason, text, found);

        var packages = await db.ReportPackages.AsNoTracking()
            .Where(p => wanted.Contains(p.ReportId))
            .OrderBy(p => p.Id)
            .Select(p => new { p.ReportId, p.Name })
            .ToListAsync(cancellationToken);
        string? For(long id) => text is null
            ? null
            : SavedReplyText.Expand(text, new ReplyFacts(id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                packages.FirstOrDefault(p => p.ReportId == id)?.Name, program.Name));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var id in wanted)
        {
            if (action == BulkTriage.Reject)
            {
                await triage.RejectAsync(id, actor, reason!.Value, null, For(id), cancellationToken);
            }
            else
            {
                await triage.AskForInformationAsync(id, actor, For(id)!, cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return wanted;
    }

    private static void Check(
        IReadOnlyList<long> ids,
        BulkTriage action,
        RejectionReason? reason,
        string? text,
        Dictionary<long, ReportState> found)
    {
        var errors = new Dictionary<string, string[]>();
        if (ids.Count is 0 or > MaxReports)
        {
            errors["ids"] = [$"name 1–{MaxReports} reports."];
        }
        for (var i = 0; i < Math.Min(ids.Count, MaxReports); i++)
        {
            if (!found.TryGetValue(ids[i], out var state))
            {
                errors[$"ids[{i}]"] = [$"#{ids[i]} is not a report of this program."];
            }
            else if (state != ReportState.New)
            {
                errors[$"ids[{i}]"] = [$"#{ids[i]} is {state.Name()}; only new reports are triaged."];
            }
        }
        if (action == BulkTriage.Reject && reason is null)
        {
            errors["reason"] = ["one of not-applicable, informative, spam."];
        }
        else if (action == BulkTriage.Reject && reason == RejectionReason.Duplicate)
        {
            errors["reason"] = ["duplicates are merged into the report that stands (duplicates/merge)."];
        }
        if (action == BulkTriage.AskForInformation && string.IsNullOrWhiteSpace(text))
        {
            errors["text"] = ["say what information is missing."];
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException("The reports cannot all be triaged this way.", errors);
        }
    }
}
