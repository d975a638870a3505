using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Clock;
using Vigil.Core.Reports;

namespace Vigil.Bench.ProgramYear;

/// <summary>One run's figures. Deadlines and publications are read from the database at the end (read only).</summary>
internal sealed record Figures(
    int Reports,
    int TriageDeadlines,
    int TriageMet,
    int PublicationDeadlines,
    int PublicationMet,
    double EffortMedian,
    double EffortP95,
    double EffortTotalHours,
    int Published,
    int PublishedUnfixed,
    int StillAwaitingTriage,
    int MaxAwaitingTriage,
    double SessionsOverBudget,
    int MaintainerAnswersTooLate,
    int FixesTooLate,
    int ReporterNotifications,
    int MaintainerReminders,
    int MaintainerEscalations,
    int ClockFailures)
{
    public static async Task<Figures> ComputeAsync(Simulation sim, SimHost host, Scenario scenario, DateTimeOffset end)
    {
        await using var db = host.OpenForFigures();
        var reports = await db.Reports.AsNoTracking().Include(r => r.Packages).ToListAsync();
        // The clock acts on its first pass at or after a deadline: on time means no later than one interval after it.
        var grace = Simulation.ClockInterval;
        var publicationDue = reports.Where(r => r.PublicationDueAt is { } due && due + grace <= end).ToList();
        var published = reports.Where(r => r.State is ReportState.Published or ReportState.Withdrawn).ToList();
        var triage = sim.Episodes.Where(e => e.AnsweredAt is not null || e.Due <= end).ToList();
        var effort = scenario.Reports.Where(r => r.Id != 0).Select(r => r.EffortMinutes).Order().ToList();
        var maintainerActions = await db.DeadlineActions.AsNoTracking()
            .Where(a => a.Action == DeadlineAction.MaintainerReminder
                || a.Action == DeadlineAction.MaintainerEscalation)
            .Select(a => a.Action).ToListAsync();
        return new Figures(
            reports.Count,
            triage.Count,
            triage.Count(e => e.AnsweredAt is { } at && at <= e.Due),
            publicationDue.Count,
            publicationDue.Count(r => r.PublishedAt is { } at && at <= r.PublicationDueAt!.Value + grace),
            Percentile(effort, 0.5),
            Percentile(effort, 0.95),
            effort.Sum() / 60,
            published.Count,
            published.Count(r => r.Packages.Any(p => p.FixedVersion is null)),
            reports.Count(r => r.State == ReportState.New),
            sim.Samples.Count == 0 ? 0 : sim.Samples.Max(s => s.AwaitingTriage),
            sim.SessionMinutes.Count == 0
                ? 0
                : sim.SessionMinutes.Count(m => m > 60) / (double)sim.SessionMinutes.Count,
            sim.MaintainerAnswersTooLate,
            sim.FixesTooLate,
            host.Notifier.ToReporters,
            maintainerActions.Count(a => a == DeadlineAction.MaintainerReminder),
            maintainerActions.Count(a => a == DeadlineAction.MaintainerEscalation),
            sim.ClockFailures);
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public IEnumerable<(string Name, string Value)> Rows()
    {
        yield return ("reports submitted", N(Reports));
        yield return ("triage deadlines met", Share(TriageMet, TriageDeadlines));
        yield return ("publication deadlines met (clock or team)", Share(PublicationMet, PublicationDeadlines));
        yield return ("triager effort per report, median (min)", Min(EffortMedian));
        yield return ("triager effort per report, 95th percentile (min)", Min(EffortP95));
        yield return ("triager effort, total (hours)", Min(EffortTotalHours));
        yield return ("published", N(Published));
        yield return ("published unfixed at the deadline", N(PublishedUnfixed));
        yield return ("awaiting triage at the end", N(StillAwaitingTriage));
        yield return ("awaiting triage, daily maximum", N(MaxAwaitingTriage));
        yield return ("triager hours that ran over 60 minutes", $"{SessionsOverBudget:P0}");
        yield return ("maintainer answers after publication", N(MaintainerAnswersTooLate));
        yield return ("fixes after publication", N(FixesTooLate));
        yield return ("notifications to reporters", N(ReporterNotifications));
        yield return ("reminders to maintainers who had not answered", N(MaintainerReminders));
        yield return ("maintainers reported unresponsive to the admins", N(MaintainerEscalations));
        yield return ("clock actions that failed", N(ClockFailures));
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
    private static string Min(double m) => m.ToString("0.0", CultureInfo.InvariantCulture);
    private static string Share(int met, int of) =>
        of == 0 ? "n/a" : $"{(double)met / of * 100:0.0} % ({met.ToString("N0", CultureInfo.InvariantCulture)} "
            + $"of {of.ToString("N0", CultureInfo.InvariantCulture)})";
}
