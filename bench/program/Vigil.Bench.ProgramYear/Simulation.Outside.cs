using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Bench.ProgramYear;

/// <summary>
/// What happens outside the team: reports arrive, maintainers answer (or not), reporters answer questions.
/// </summary>
internal sealed partial class Simulation
{
    private async Task ArriveAsync(SimReport report)
    {
        var request = new SubmitReportRequest(
            [new ReportPackageInput("npm", report.Package.Name, report.Range)],
            Texts.Title(report),
            Texts.Description(report),
            ProofOfConcept: Texts.ProofOfConcept(report),
            CreditName: $"Reporter {report.Index}");
        try
        {
            var submitted = await _host.Use<SubmitReport, SubmittedReport>(u =>
                u.ExecuteAsync(Slug, request, Actor.Anonymous, Ct));
            report.Id = submitted.Id;
            report.FollowUpToken = submitted.FollowUpToken;
            _byId[report.Id] = report;
            Episodes.Add(new TriageEpisode(report, submitted.TriageDueAt));
        }
        catch (ValidationFailedException)
        {
            IntakeRefused++;
        }
    }

    /// <summary>
    /// Prompt maintainers answer within days, late ones within weeks to two months; the rest never do.
    /// </summary>
    private void ScheduleMaintainers(SimReport report)
    {
        var answerIn = report.Package.Answers switch
        {
            Responsiveness.Prompt => Days(0.5, 4),
            Responsiveness.Late => Days(14, 60),
            _ => (double?)null,
        };
        if (answerIn is { } days)
        {
            Schedule(new SimEvent(Now.AddDays(days), EventKind.MaintainerAnswer, report));
        }
    }

    private async Task MaintainerAnswerAsync(SimReport report)
    {
        var maintainer = Actor.User(report.Package.Maintainers[0]);
        var view = await _host.Use<GetReport, ReportView>(u => u.ExecuteAsync(report.Id, maintainer, Ct));
        if (!ReportStates.IsOpen(Enum.GetValues<ReportState>().Single(s => s.Name() == view.State)))
        {
            MaintainerAnswersTooLate++;
            return;
        }
        if (report.Disputed)
        {
            await _host.Use<CommentOnReport, long>(u => u.ExecuteAsync(report.Id, maintainer,
                "Not affected: vulnerable_code_not_in_execute_path. The merge helper is never called on user input.",
                false, Ct));
            FollowUpFor(report, FollowUpKind.Disputed);
            return;
        }
        await _host.Use<CommentOnReport, long>(u =>
            u.ExecuteAsync(report.Id, maintainer, "Confirmed; working on a fix.", false, Ct));
        if (view.State == ReportState.MaintainersNotified.Name())
        {
            await _host.Use<AdvanceReport>(u => u.StartFixAsync(report.Id, maintainer, Ct));
        }
        FollowUpFor(report, FollowUpKind.MaintainerAnswered);
        var fixIn = report.Package.Answers == Responsiveness.Prompt ? Days(2, 20) : Days(3, 20);
        Schedule(new SimEvent(Now.AddDays(fixIn), EventKind.MaintainerFix, report));
    }

    private async Task MaintainerFixAsync(SimReport report)
    {
        var maintainer = Actor.User(report.Package.Maintainers[0]);
        try
        {
            var fixedVersions = new Dictionary<string, string> { [report.Package.Name] = report.Package.FixVersion };
            await _host.Use<AdvanceReport>(u => u.MarkFixedAsync(report.Id, maintainer, fixedVersions, Ct));
            report.Fixed = true;
            FollowUpFor(report, FollowUpKind.Fixed);
        }
        catch (ConflictException)
        {
            FixesTooLate++; // published at the deadline before the fix was out
        }
    }

    private async Task ReporterAnswerAsync(SimReport report)
    {
        var reporter = Actor.FollowUp(report.FollowUpToken!);
        await _host.Use<CommentOnReport, long>(u =>
            u.ExecuteAsync(report.Id, reporter, Texts.Description(report), false, Ct));
        var view = await _host.Use<GetReport, ReportView>(u => u.ExecuteAsync(report.Id, reporter, Ct));
        if (view.State == ReportState.New.Name())
        {
            Episodes.Add(new TriageEpisode(report, view.TriageDueAt));
        }
    }
}
