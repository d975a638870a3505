using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Bench.ProgramYear;

internal enum FollowUpKind
{
    MaintainerAnswered,
    Disputed,
    Fixed,
}

internal sealed record FollowUp(SimReport Report, FollowUpKind Kind);

/// <summary>The triagers' hour: the queue first (by triage deadline), then the reports each follows.</summary>
internal sealed partial class Simulation
{
    private async Task SessionAsync(int triager)
    {
        const double budget = 60;
        var spent = 0.0;
        while (spent < budget)
        {
            var minutes = await TriageNextAsync(triager) ?? await FollowUpNextAsync(triager);
            if (minutes is null)
            {
                break;
            }
            spent += minutes.Value;
        }
        SessionMinutes.Add(spent);
    }

    private async Task<double?> TriageNextAsync(int triager)
    {
        var me = Actor.User(_triagers[triager]);
        var queue = await _host.Use<ListTriageQueue, IReadOnlyList<QueueItem>>(u => u.ExecuteAsync(Slug, me, Ct));
        var item = queue.FirstOrDefault(i => i.State == ReportState.New.Name() && !i.HeldForReview && !i.Recused);
        if (item is null)
        {
            return null;
        }
        var report = _byId[item.Id];
        var view = await _host.Use<GetReport, ReportView>(u => u.ExecuteAsync(report.Id, me, Ct));
        var candidates = view.DuplicateHints is { } hints ? hints.OpenReports.Count + hints.Advisories.Count : 0;
        var minutes = await DecideAsync(report, me, triager, candidates);
        report.EffortMinutes += minutes;
        return minutes;
    }

    /// <summary>Reads, checks and answers one report; the answer is written when the minutes are spent.</summary>
    private async Task<double> DecideAsync(SimReport report, Actor me, int triager, int candidates)
    {
        var minutes = _effort.Read(report.Kind);
        switch (report.Kind)
        {
            case ReportKind.Valid:
                minutes += _effort.Reproduce(report.Kind) + _effort.Compare(candidates) + _effort.Write(Decision.Accept);
                await SpendAsync(minutes);
                await _host.Use<TriageReport>(u => u.AcceptAsync(report.Id, me, Ct));
                Answered(report);
                var invite = _effort.Invite(report.Package.Maintainers.Count);
                await SpendAsync(invite);
                foreach (var maintainer in report.Package.Maintainers)
                {
                    await _host.Use<InviteMaintainer, MaintainerInvitation>(u => u.ExecuteAsync(report.Id, me, maintainer, null, Ct));
                }
                report.AssignedTriager = _triagers[triager];
                ScheduleMaintainers(report);
                return minutes + invite;
            case ReportKind.BurstDuplicate or ReportKind.NearDuplicate:
                minutes += _effort.Compare(Math.Max(1, candidates)) + _effort.Write(Decision.Reject);
                await SpendAsync(minutes);
                await RejectAsync(report, me, RejectionReason.Duplicate, report.Original!.Id);
                return minutes;
            case ReportKind.Spam or ReportKind.OutOfScope:
                minutes += _effort.Write(Decision.Reject);
                await SpendAsync(minutes);
                await RejectAsync(report, me, report.Kind == ReportKind.Spam ? RejectionReason.Spam : RejectionReason.NotApplicable, null);
                return minutes;
            default:
                if (report.Asked)
                {
                    // The answer is more generated text: read again, try again, and close it.
                    minutes = minutes * 0.6 + _effort.Reproduce(report.Kind) * 0.6 + _effort.Write(Decision.Reject);
                    await SpendAsync(minutes);
                    await RejectAsync(report, me, RejectionReason.Informative, null);
                    return minutes;
                }
                minutes += _effort.Reproduce(report.Kind) + _effort.Compare(candidates) + _effort.Write(Decision.Ask);
                await SpendAsync(minutes);
                await _host.Use<TriageReport>(u => u.AskForInformationAsync(report.Id, me, "The proof of concept does not run: please send one that does.", Ct));
                Answered(report);
                report.Asked = true;
                if (report.ReporterAnswers)
                {
                    Schedule(new SimEvent(Now.AddDays(Days(1, 7)), EventKind.ReporterAnswer, report));
                }
                return minutes;
        }
    }

    private async Task RejectAsync(SimReport report, Actor me, RejectionReason reason, long? duplicateOf)
    {
        await _host.Use<TriageReport>(u => u.RejectAsync(report.Id, me, reason, duplicateOf, "Closed by the team.", Ct));
        Answered(report);
        report.Done = true;
    }

    private void Answered(SimReport report)
    {
        foreach (var episode in Episodes.Where(e => e.Report == report && e.AnsweredAt is null))
        {
            episode.AnsweredAt = Now;
        }
    }

    private async Task<double?> FollowUpNextAsync(int triager)
    {
        var list = _followUps[triager];
        if (list.Count == 0)
        {
            return null;
        }
        var (report, kind) = list[0];
        list.RemoveAt(0);
        var me = Actor.User(_triagers[triager]);
        var minutes = kind switch
        {
            FollowUpKind.MaintainerAnswered => _effort.MaintainerAnswer(),
            FollowUpKind.Disputed => _effort.Dispute(),
            _ => _effort.DisclosureDate(),
        };
        await SpendAsync(minutes);
        report.EffortMinutes += minutes;
        try
        {
            if (kind == FollowUpKind.Fixed)
            {
                var view = await _host.Use<GetReport, ReportView>(u => u.ExecuteAsync(report.Id, me, Ct));
                if (view.PublicationDueAt is { } due && view.State == ReportState.Fixed.Name() && due > Now.AddHours(1))
                {
                    var date = Now.AddDays(1) < due ? Now.AddDays(1) : due.AddMinutes(-30);
                    await _host.Use<SetDisclosureDate>(u => u.ExecuteAsync(report.Id, me, date, Ct));
                }
            }
            else
            {
                var text = kind == FollowUpKind.Disputed ? "The team re-checked the finding and keeps it." : "Thank you, noted.";
                await _host.Use<CommentOnReport, long>(u => u.ExecuteAsync(report.Id, me, text, false, Ct));
            }
        }
        catch (ConflictException)
        {
            // Published meanwhile by the clock: nothing left to agree.
        }
        return minutes;
    }

    private void FollowUpFor(SimReport report, FollowUpKind kind)
    {
        var triager = Array.IndexOf(_triagers, report.AssignedTriager!.Value);
        _followUps[triager].Add(new FollowUp(report, kind));
    }
}
