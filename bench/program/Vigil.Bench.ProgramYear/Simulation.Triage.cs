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
        if (_practice.Groups && report.Original is { Accepted: true } original && item.DuplicateGroupId is not null)
        {
            return await MergeAsync(original, me, queue);
        }
        if (_practice.Bulk && await BulkAsync(report, me, queue) is { } bulk)
        {
            return bulk;
        }
        var minutes = await DecideAsync(report, me, triager, CompareMinutes(report, view));
        report.EffortMinutes += minutes;
        if (_practice.Groups && report.Accepted)
        {
            var waiting = await _host.Use<ListTriageQueue, IReadOnlyList<QueueItem>>(u => u.ExecuteAsync(Slug, me, Ct));
            minutes += await MergeAsync(report, me, waiting);
        }
        return minutes;
    }

    /// <summary>
    /// Today the triager opens every report and advisory listed as naming the same package (at most three) and
    /// compares; with groups found at intake, the reasons are shown and only the earlier members of its group are
    /// confirmed, plus whatever names the package outside the group.
    /// </summary>
    private double CompareMinutes(SimReport report, ReportView view)
    {
        var hints = view.DuplicateHints is { } h ? h.OpenReports.Count + h.Advisories.Count : 0;
        var atLeastOne = report.Kind is ReportKind.BurstDuplicate or ReportKind.NearDuplicate ? 1 : 0;
        if (!_practice.Groups)
        {
            return report.Kind is ReportKind.Spam or ReportKind.OutOfScope
                ? 0
                : _effort.Compare(Math.Max(atLeastOne, hints));
        }
        var members = view.DuplicateGroup?.Members.Where(m => m.Id != report.Id).Select(m => m.Id).ToHashSet() ?? [];
        var earlier = Math.Min(3, members.Count(id => id < report.Id));
        var outside = view.DuplicateHints is { } o ? o.OpenReports.Count(id => !members.Contains(id)) : 0;
        return Enumerable.Range(0, earlier).Sum(_ => _effort.ConfirmGroupMember()) + _effort.Compare(outside);
    }

    /// <summary>
    /// One action for many: every new report of the same kind in the queue (spam, out of scope, or AI-written not
    /// yet asked) gets the same answer in one step. Each is still read, compared and (an AI-written one) tried; the
    /// answer is written once.
    /// </summary>
    private async Task<double?> BulkAsync(SimReport report, Actor me, IReadOnlyList<QueueItem> queue)
    {
        if (report.Kind is not (ReportKind.Spam or ReportKind.OutOfScope or ReportKind.AiWrittenNoPoc) || report.Asked)
        {
            return null;
        }
        var same = queue.Where(i => i.State == ReportState.New.Name() && !i.HeldForReview && !i.Recused)
            .Select(i => _byId[i.Id]).Where(r => r.Kind == report.Kind && !r.Asked).ToList();
        if (same.Count < 2)
        {
            return null;
        }
        // The triager selects what they can get through in their hour (at least two).
        var each = new List<double>();
        foreach (var r in same)
        {
            var view = await _host.Use<GetReport, ReportView>(u => u.ExecuteAsync(r.Id, me, Ct));
            var one = _effort.Read(r.Kind) + _effort.Reproduce(r.Kind) + CompareMinutes(r, view) + _effort.BulkItem();
            if (each.Count >= 2 && each.Sum() + one > 60)
            {
                break;
            }
            each.Add(one);
        }
        same = same.Take(each.Count).ToList();
        var decision = report.Kind == ReportKind.AiWrittenNoPoc ? Decision.Ask : Decision.Reject;
        var write = _effort.Write(decision);
        var minutes = each.Sum() + write;
        await SpendAsync(minutes);
        var ids = same.Select(r => r.Id).ToList();
        if (decision == Decision.Ask)
        {
            await _host.Use<TriageMany, IReadOnlyList<long>>(u => u.ExecuteAsync(Slug, me, ids,
                BulkTriage.AskForInformation, null,
                "The proof of concept does not run: please send one that does.", Ct));
        }
        else
        {
            var reason = report.Kind == ReportKind.Spam ? RejectionReason.Spam : RejectionReason.NotApplicable;
            await _host.Use<TriageMany, IReadOnlyList<long>>(u =>
                u.ExecuteAsync(Slug, me, ids, BulkTriage.Reject, reason, "Closed by the team.", Ct));
        }
        for (var i = 0; i < same.Count; i++)
        {
            var r = same[i];
            Answered(r);
            r.EffortMinutes += each[i] + write / same.Count;
            if (decision == Decision.Ask)
            {
                r.Asked = true;
                if (r.ReporterAnswers)
                {
                    Schedule(new SimEvent(Now.AddDays(Days(1, 7)), EventKind.ReporterAnswer, r));
                }
            }
            else
            {
                r.Done = true;
            }
        }
        return minutes;
    }

    /// <summary>
    /// Merges the waiting reports of <paramref name="original"/>'s group that repeat it (the triager confirms each
    /// from its similarity reason) in one action, with one answer written for all.
    /// </summary>
    private async Task<double> MergeAsync(SimReport original, Actor me, IReadOnlyList<QueueItem> queue)
    {
        var members = queue
            .Where(i => i.DuplicateGroupId is not null
                && (i.State == ReportState.New.Name())
                && _byId[i.Id].Original == original)
            .Select(i => _byId[i.Id])
            .ToList();
        if (members.Count == 0)
        {
            return 0;
        }
        var minutes = members.Sum(_ => _effort.ConfirmGroupMember()) + _effort.Write(Decision.Reject);
        await SpendAsync(minutes);
        await _host.Use<MergeDuplicates, MergedDuplicates>(u =>
            u.ExecuteAsync(original.Id, me, members.Select(m => m.Id).ToList(),
                "Reported already: you will hear when it is published.", Ct));
        foreach (var member in members)
        {
            Answered(member);
            member.Done = true;
            member.EffortMinutes += minutes / members.Count;
        }
        return minutes;
    }

    /// <summary>Reads, checks and answers one report; the answer is written when the minutes are spent.</summary>
    private async Task<double> DecideAsync(SimReport report, Actor me, int triager, double compare)
    {
        var minutes = _effort.Read(report.Kind);
        switch (report.Kind)
        {
            case ReportKind.Valid:
                minutes += _effort.Reproduce(report.Kind) + compare + _effort.Write(Decision.Accept);
                await SpendAsync(minutes);
                await _host.Use<TriageReport>(u => u.AcceptAsync(report.Id, me, Ct));
                Answered(report);
                report.Accepted = true;
                var invite = _effort.Invite(report.Package.Maintainers.Count);
                await SpendAsync(invite);
                foreach (var maintainer in report.Package.Maintainers)
                {
                    await _host.Use<InviteMaintainer, MaintainerInvitation>(u =>
                        u.ExecuteAsync(report.Id, me, maintainer, null, Ct));
                }
                report.AssignedTriager = _triagers[triager];
                ScheduleMaintainers(report);
                return minutes + invite;
            case ReportKind.BurstDuplicate or ReportKind.NearDuplicate:
                minutes += compare + _effort.Write(Decision.Reject);
                await SpendAsync(minutes);
                await RejectAsync(report, me, RejectionReason.Duplicate, report.Original!.Id);
                return minutes;
            case ReportKind.Spam or ReportKind.OutOfScope:
                minutes += _effort.Write(Decision.Reject);
                await SpendAsync(minutes);
                await RejectAsync(report, me,
                    report.Kind == ReportKind.Spam ? RejectionReason.Spam : RejectionReason.NotApplicable, null);
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
                minutes += _effort.Reproduce(report.Kind) + compare + _effort.Write(Decision.Ask);
                await SpendAsync(minutes);
                await _host.Use<TriageReport>(u => u.AskForInformationAsync(
                    report.Id, me, "The proof of concept does not run: please send one that does.", Ct));
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
        await _host.Use<TriageReport>(u =>
            u.RejectAsync(report.Id, me, reason, duplicateOf, "Closed by the team.", Ct));
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
                var text = kind == FollowUpKind.Disputed
                    ? "The team re-checked the finding and keeps it."
                    : "Thank you, noted.";
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
