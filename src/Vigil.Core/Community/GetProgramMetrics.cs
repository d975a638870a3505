using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Community;

/// <summary>How one deadline was kept: met and missed among the reports that can be judged; pending ones are left
/// out.</summary>
public sealed record DeadlineShare(int Met, int Missed)
{
    public int Measured => Met + Missed;

    /// <summary>Met / measured as a percentage, or null with nothing to measure ("no data").</summary>
    public double? Percent => Measured == 0 ? null : Math.Round(100.0 * Met / Measured, 1);

    /// <summary>green ≥ 90 %, amber ≥ 75 %, red below, no-data without reports.</summary>
    public string Status => Percent switch
    {
        null => "no-data",
        >= 90 => "green",
        >= 75 => "amber",
        _ => "red",
    };
}

public sealed record ProgramMetrics(
    string Program,
    string Name,
    DateTimeOffset From,
    DateTimeOffset To,
    int Reports,
    DeadlineShare Triage,
    DeadlineShare Publication,
    IReadOnlyList<PackageAnswerTimes> Maintainers);

/// <summary>
/// How a package's maintainers answered the published reports of the window that notified them
/// (<see cref="MaintainerAnswers"/>): of <see cref="Notified"/> reports, <see cref="Answered"/> got an answer, the
/// median after <see cref="MedianHoursToAnswer"/> hours (wall-clock time; null: none answered).
/// </summary>
public sealed record PackageAnswerTimes(
    string Ecosystem, string Name, int Notified, int Answered, double? MedianHoursToAnswer)
{
    /// <summary>The share never answered as a percentage.</summary>
    public double NeverAnsweredPercent => Notified == 0 ? 0 : Math.Round(100.0 * (Notified - Answered) / Notified, 1);
}

/// <summary>
/// A program's responsiveness over the last <see cref="WindowDays"/> days, in aggregate only, counted over
/// public work alone: reports that were published (including those published, then withdrawn) and were
/// submitted in the window. A report still under embargo, or one rejected (rejections are public only as a
/// reporter's totals, never per program), is not counted: on a one-package program any figure that moved when
/// a private report arrived or was accepted would announce the embargo. Triage: answered (accepted, or asked
/// for more information, whichever came first) by its triage deadline. Publication: published by its
/// publication deadline (as extended, if it was). Maintainers, per package the reports name: the median time from the
/// maintainers' notification to their first answer, and how many never answered — over the same published reports, so
/// a package appears only once it has a public advisory from the window.
/// </summary>
public sealed class GetProgramMetrics(VigilDbContext db, TimeProvider time)
{
    public const int WindowDays = 90;

    public async Task<ProgramMetrics> ExecuteAsync(string slug, CancellationToken cancellationToken = default)
    {
        var program = await db.Programs.AsNoTracking()
            .Where(p => p.Slug == slug)
            .Select(p => new { p.Id, p.Slug, p.Name })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"No program '{slug}'.");
        var now = time.GetUtcNow();
        var from = now.AddDays(-WindowDays);
        // Instants are stored as ticks (UtcTicksConverter), so the window is filtered here rather than in SQL on both
        // providers alike.
        var reports = (await db.Reports.AsNoTracking()
                .Where(r => r.ProgramId == program.Id && r.PublishedAt != null
                    && (r.State == ReportState.Published || r.State == ReportState.Withdrawn))
                .Select(r => new { r.Id, r.SubmittedAt, r.TriageDueAt, r.TriagedAt, r.PublicationDueAt, r.PublishedAt })
                .ToListAsync(cancellationToken))
            .Where(r => r.SubmittedAt >= from && r.SubmittedAt <= now).ToList();
        var ids = reports.Select(r => r.Id).ToList();
        var askedAt = (await db.ReportEvents.AsNoTracking()
                .Where(e => ids.Contains(e.ReportId) && e.Kind == ReportEventKind.StateChanged
                    && e.ToState == ReportState.NeedsMoreInformation)
                .Select(e => new { e.ReportId, e.At }).ToListAsync(cancellationToken))
            .GroupBy(e => e.ReportId).ToDictionary(g => g.Key, g => g.Min(e => e.At));

        int triageMet = 0, triageMissed = 0, publicationMet = 0, publicationMissed = 0;
        foreach (var report in reports)
        {
            var answered = Earliest(report.TriagedAt, askedAt.TryGetValue(report.Id, out var asked) ? asked : null);
            Count(answered, report.TriageDueAt, now, ref triageMet, ref triageMissed);
            if (report.PublicationDueAt is { } due)
            {
                Count(report.PublishedAt, due, now, ref publicationMet, ref publicationMissed);
            }
        }
        return new ProgramMetrics(program.Slug, program.Name, from, now, reports.Count,
            new DeadlineShare(triageMet, triageMissed), new DeadlineShare(publicationMet, publicationMissed),
            await AnswerTimesAsync(ids, cancellationToken));
    }

    private async Task<IReadOnlyList<PackageAnswerTimes>> AnswerTimesAsync(
        List<long> ids, CancellationToken cancellationToken)
    {
        var answers = await MaintainerAnswers.ForAsync(db, ids, cancellationToken);
        var notified = answers.Keys.ToList();
        var packages = await db.ReportPackages.AsNoTracking()
            .Where(p => notified.Contains(p.ReportId))
            .Select(p => new { p.ReportId, p.Ecosystem, p.Name })
            .ToListAsync(cancellationToken);
        return packages
            .DistinctBy(p => (p.ReportId, p.Ecosystem, p.Name))
            .GroupBy(p => (p.Ecosystem, p.Name))
            .Select(g =>
            {
                var hours = g.Select(p => answers[p.ReportId])
                    .Where(a => a.AnsweredAt is not null)
                    .Select(a => (a.AnsweredAt!.Value - a.NotifiedAt).TotalHours)
                    .Order()
                    .ToList();
                return new PackageAnswerTimes(g.Key.Ecosystem, g.Key.Name, g.Count(), hours.Count, Median(hours));
            })
            .OrderBy(p => p.Ecosystem, StringComparer.Ordinal)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static double? Median(List<double> sorted) => sorted.Count == 0
        ? null
        : Math.Round(
            sorted.Count % 2 == 1
                ? sorted[sorted.Count / 2]
                : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2,
            1);

    private static void Count(
        DateTimeOffset? doneAt, DateTimeOffset due, DateTimeOffset now, ref int met, ref int missed)
    {
        if (doneAt is { } done)
        {
            if (done <= due) { met++; } else { missed++; }
        }
        else if (now > due)
        {
            missed++;
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}
