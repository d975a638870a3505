using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.SavedReplies;

/// <summary>A saved reply as it reads on one report: its placeholders expanded.</summary>
public sealed record ExpandedReply(long Id, string Title, string Text);

/// <summary>
/// The saved replies of a report's program, expanded for that report (<see cref="SavedReplyText"/>), for the team's
/// forms on the report. Whoever may not see the report gets 404; a participant outside the team (the reporter, a
/// maintainer) gets none.
/// </summary>
public sealed class ReportSavedReplies(VigilDbContext db)
{
    public async Task<IReadOnlyList<ExpandedReply>> ExecuteAsync(
        long reportId, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, reportId, actor, cancellationToken);
        if (!access.IsTeam)
        {
            return [];
        }
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == report.ProgramId, cancellationToken);
        var facts = new ReplyFacts(
            report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            report.Packages.OrderBy(p => p.Id).FirstOrDefault()?.Name, program.Name);
        var replies = await db.SavedReplies.AsNoTracking().Where(r => r.ProgramId == report.ProgramId)
            .Select(r => new { r.Id, r.Title, r.Body })
            .ToListAsync(cancellationToken);
        return [.. replies
            .OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id)
            .Select(r => new ExpandedReply(r.Id, r.Title, SavedReplyText.Expand(r.Body, facts)))];
    }

    /// <summary>One of them, or 404 when the report's program has no such reply or the caller is not its
    /// team.</summary>
    public async Task<string> ExpandAsync(
        long reportId, Actor actor, long replyId, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(reportId, actor, cancellationToken)).SingleOrDefault(r => r.Id == replyId)?.Text
            ?? throw new NotFoundException($"No saved reply {replyId} on this report's program.");
}
