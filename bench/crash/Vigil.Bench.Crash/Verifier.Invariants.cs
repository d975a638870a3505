using System.Data;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Attachments;
using Vigil.Core.Clock;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Bench.Crash;

/// <summary>The invariants a crash at any moment must leave true, whatever was in flight.</summary>
internal sealed partial class Verifier
{
    private static void CheckInvariants(
        Dictionary<long, Report> reports, List<AdvisoryEntity> advisories, List<DeadlineActionEntity> actions,
        List<string> violations)
    {
        var advisoryIds = advisories.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var report in reports.Values)
        {
            var id = report.Entity.Id;
            // Every upload is one attachment row and one timeline entry, written together.
            var uploads = report.Events.Count(e => e.Entity.Kind == ReportEventKind.Attachment);
            if (uploads != report.Attachments.Count)
            {
                violations.Add($"report #{id}: {report.Attachments.Count} attachment(s),"
                    + $" {uploads} upload(s) on its timeline");
            }
            // The state is the one the timeline last moved it to.
            var lastMove = report.Events.LastOrDefault(e => e.Entity.ToState is not null)?.Entity.ToState
                ?? ReportState.New;
            if (lastMove != report.Entity.State)
            {
                violations.Add($"report #{id}: state {report.Entity.State}, its timeline last moved it to {lastMove}");
            }
            // Published: the advisory, the report's link to it and the timeline's entry, all or nothing.
            var publishedEvents = report.Events.Count(e => e.Entity.ToState == ReportState.Published);
            var isPublished = report.Entity.State is ReportState.Published or ReportState.Withdrawn;
            if (isPublished != (publishedEvents == 1) || publishedEvents > 1)
            {
                violations.Add($"report #{id}: state {report.Entity.State},"
                    + $" {publishedEvents} publication(s) on its timeline");
            }
            var link = report.Entity.AdvisoryId;
            var stored = link is not null && advisoryIds.ContainsKey(link);
            if (isPublished != (link is not null) || (link is not null && !stored))
            {
                violations.Add($"report #{id}: state {report.Entity.State}, advisory {link ?? "none"},"
                    + $" stored: {stored}");
            }
            // Each deadline action taken is one timeline entry: none without the other, none twice.
            var taken = actions.Where(a => a.ReportId == id).ToList();
            var reminders = taken.Count(a => a.Action is DeadlineAction.TriageReminder
                or DeadlineAction.PublicationReminder or DeadlineAction.MaintainerReminder);
            var reminderEvents = report.Events.Count(e => e.Entity.Kind == ReportEventKind.Reminder);
            if (reminders != reminderEvents)
            {
                violations.Add($"report #{id}: {reminders} reminder(s) taken by the clock,"
                    + $" {reminderEvents} on the timeline");
            }
            var clockEntries = report.Events.Where(e => e.Entity.Kind
                is ReportEventKind.Reminder or ReportEventKind.Escalated or ReportEventKind.Flagged);
            var twice = clockEntries.GroupBy(e => (e.Entity.Kind, e.Entity.Detail)).Where(g => g.Count() > 1);
            foreach (var duplicate in twice)
            {
                violations.Add($"report #{id}: '{duplicate.Key.Detail}' is on its timeline {duplicate.Count()} times");
            }
        }
        var actedTwice = actions.GroupBy(a => (a.ReportId, a.Action, a.DueAt.UtcTicks)).Where(g => g.Count() > 1);
        foreach (var duplicate in actedTwice)
        {
            violations.Add($"report #{duplicate.Key.ReportId}: {duplicate.Key.Action} taken {duplicate.Count()} times");
        }
        foreach (var advisory in advisories.Where(a => a.Origin == AdvisoryOrigin.Program))
        {
            var owners = reports.Values.Count(r => r.Entity.AdvisoryId == advisory.Id);
            if (owners != 1)
            {
                violations.Add($"advisory {advisory.Id} (published from a report) belongs to {owners} report(s)");
            }
        }
    }
}
