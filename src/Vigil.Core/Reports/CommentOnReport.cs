using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;

namespace Vigil.Core.Reports;

/// <summary>
/// The conversation: a comment every participant reads, or an internal note for the team only. When the
/// reporter answers a report that needs more information, it goes back to new and the triage clock
/// restarts from the answer (the team asked, so the reporter's answer is a new submission to triage).
/// A comment is an append: it never fails because another write reached the report first (<see cref="ReportRaces"/>);
/// an answer that lost the race for moving the report is read again and saved as it stands then.
/// </summary>
public sealed class CommentOnReport(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public const int MaxLength = 100_000;

    public Task<long> ExecuteAsync(
        long id, Actor actor, string text, bool internalNote, CancellationToken cancellationToken = default) =>
        ExecuteAsync(id, actor, text, internalNote, detail: null, cancellationToken);

    /// <param name="detail">Words for the timeline about how the comment came (a reply's OpenPGP signature); never
    /// text of the comment.</param>
    public async Task<long> ExecuteAsync(
        long id, Actor actor, string text, bool internalNote, string? detail, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            throw new ValidationFailedException("A comment needs text.",
                new Dictionary<string, string[]> { ["text"] = [$"write 1–{MaxLength:N0} characters."] });
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveAsync(id, actor, text, internalNote, detail, cancellationToken);
            }
            catch (ConflictException e) when (e.InnerException is DbUpdateConcurrencyException && attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    // Only an answer that moves the report can lose a race, and only to another change of the report: a few rounds
    // settle it; should they not, the conflict (409, naming the report's state) stands and nothing was saved.
    private const int MaxAttempts = 5;

    private async Task<long> SaveAsync(
        long id, Actor actor, string text, bool internalNote, string? detail, CancellationToken cancellationToken)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        if (internalNote && !access.IsTeam)
        {
            throw new ConflictException("Only the team writes internal notes.");
        }
        var now = time.GetUtcNow();
        var sealedText = ReportVault.Seal(vault.Unwrap(report.WrappedKey), text, ReportContent.EventPurpose);
        var entry = ReportTimeline.Add(
            db, report, actor, internalNote ? ReportEventKind.InternalNote : ReportEventKind.Comment, now,
            internalNote ? EventVisibility.Team : EventVisibility.Participants, detail, sealedText: sealedText);
        if (access.Role == ReportRole.Reporter && report.State == ReportState.NeedsMoreInformation)
        {
            var program = await db.Programs.AsNoTracking()
                .SingleAsync(p => p.Id == report.ProgramId, cancellationToken);
            ReportTimeline.Move(db, report, actor, ReportState.New, now, detail: "answered");
            report.TriageDueAt = BusinessCalendar.For(program).AddBusinessDays(now, program.TriageBusinessDays);
        }
        await db.SaveChangesAsync(cancellationToken);
        return entry.Id;
    }
}
