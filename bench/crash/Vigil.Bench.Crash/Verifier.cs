using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Attachments;
using Vigil.Core.Clock;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Bench.Crash;

/// <summary>
/// After each restart: reads the whole database back with the product's own code (every sealed value opened with the
/// master key, as <c>vigil admin compare</c> does) and asks the restarted server through its API, then checks every
/// acknowledged write (a miss is a lost write) and the invariants that hold whatever was in flight (a breach is an
/// integrity violation). What it saw is kept, so the next check can tell the timeline only grew.
/// </summary>
internal sealed class Verifier(Instance instance)
{
    private readonly Dictionary<long, string> _seenEvents = [];
    private readonly Dictionary<long, string> _seenAttachments = [];
    private readonly HashSet<string> _seenAdvisories = new(StringComparer.Ordinal);
    private readonly HashSet<long> _seenReports = [];

    public sealed record Result(Dictionary<Ack, string> Lost, List<string> Violations, int Reports, int Events, int Attachments, int Advisories, int DeadlineActions);

    private sealed record Report(ReportEntity Entity, ReportContent Content, List<Event> Events, List<Attachment> Attachments);

    private sealed record Event(ReportEventEntity Entity, string? Text);

    private sealed record Attachment(ReportAttachmentEntity Entity, string Name, string Sha256, int Length);

    public async Task<Result> CheckAsync(IReadOnlyList<Ack> journal, int cycle, string url, Random random)
    {
        var lost = new Dictionary<Ack, string>(ReferenceEqualityComparer.Instance);
        var violations = new List<string>();
        var vault = instance.Vault;
        Dictionary<long, Report> reports;
        List<AdvisoryEntity> advisories;
        List<DeadlineActionEntity> actions;
        await using (var db = VigilDatabase.Open(instance.Target))
        {
            // One snapshot: the restarted server's clock takes deadline actions while this reads, and an action taken
            // between two reads would look like a timeline entry without its action (or the reverse).
            await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
            advisories = await db.Advisories.AsNoTracking().ToListAsync();
            actions = await db.DeadlineActions.AsNoTracking().ToListAsync();
            reports = await ReadReportsAsync(db, vault, violations);
        }
        VigilDatabase.ClearSqlitePools();
        var advisoryById = advisories.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var byTitle = reports.Values.GroupBy(r => r.Content.Title, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        CheckAcknowledged(journal, reports, byTitle, advisoryById, lost, violations);
        CheckAppendOnly(reports, advisories, violations);
        CheckInvariants(reports, advisories, actions, violations);
        await CheckThroughApiAsync(journal, cycle, url, reports, advisories, random, lost, violations);
        return new Result(lost, violations, reports.Count, reports.Values.Sum(r => r.Events.Count), reports.Values.Sum(r => r.Attachments.Count), advisories.Count, actions.Count);
    }

    private static async Task<Dictionary<long, Report>> ReadReportsAsync(VigilDbContext db, ReportVault vault, List<string> violations)
    {
        var reports = new Dictionary<long, Report>();
        var keys = new Dictionary<long, byte[]>();
        foreach (var entity in await db.Reports.AsNoTracking().Include(r => r.Packages).OrderBy(r => r.Id).ToListAsync())
        {
            try
            {
                var key = keys[entity.Id] = vault.Unwrap(entity.WrappedKey);
                reports[entity.Id] = new Report(entity, ReportContent.Open(key, entity.SealedContent), [], []);
            }
            catch (Exception e) when (e is CryptographicException or InvalidDataException or System.Text.Json.JsonException)
            {
                violations.Add($"report #{entity.Id}: its content does not decrypt ({e.Message})");
            }
        }
        foreach (var e in await db.ReportEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync())
        {
            if (!reports.TryGetValue(e.ReportId, out var report))
            {
                violations.Add($"event {e.Id}: its report #{e.ReportId} is missing or unreadable");
                continue;
            }
            string? text = null;
            try
            {
                text = e.SealedText is null ? null : ReportVault.Open(keys[e.ReportId], e.SealedText, ReportContent.EventPurpose);
            }
            catch (CryptographicException ex)
            {
                violations.Add($"event {e.Id} of report #{e.ReportId}: its text does not decrypt ({ex.Message})");
            }
            report.Events.Add(new Event(e, text));
        }
        foreach (var a in await db.ReportAttachments.AsNoTracking().OrderBy(a => a.Id).ToListAsync())
        {
            if (!reports.TryGetValue(a.ReportId, out var report))
            {
                violations.Add($"attachment {a.Id}: its report #{a.ReportId} is missing or unreadable");
                continue;
            }
            try
            {
                var name = ReportVault.Open(keys[a.ReportId], a.SealedName, ReportAttachments.NamePurpose);
                var bytes = ReportVault.OpenBytes(keys[a.ReportId], a.SealedContent, ReportAttachments.ContentPurpose);
                if (bytes.Length != a.Size)
                {
                    violations.Add($"attachment {a.Id} of report #{a.ReportId}: {bytes.Length} bytes of content, its row says {a.Size}");
                }
                report.Attachments.Add(new Attachment(a, name, Convert.ToHexString(SHA256.HashData(bytes)), bytes.Length));
            }
            catch (CryptographicException ex)
            {
                violations.Add($"attachment {a.Id} of report #{a.ReportId}: its name or content does not decrypt ({ex.Message})");
            }
        }
        return reports;
    }

    private static void CheckAcknowledged(IReadOnlyList<Ack> journal, Dictionary<long, Report> reports, Dictionary<string, List<Report>> byTitle,
        Dictionary<string, AdvisoryEntity> advisories, Dictionary<Ack, string> lost, List<string> violations)
    {
        foreach (var ack in journal)
        {
            switch (ack.Kind)
            {
                case WriteKind.Report:
                    if (!byTitle.TryGetValue(ack.Marker, out var found))
                    {
                        lost.TryAdd(ack, $"cycle {ack.Cycle}: report '{ack.Marker}' is missing");
                        break;
                    }
                    if (found.Count > 1)
                    {
                        violations.Add($"report '{ack.Marker}' is stored {found.Count} times");
                    }
                    var report = found[0];
                    if (ack.ReportId is { } id && report.Entity.Id != id)
                    {
                        violations.Add($"report '{ack.Marker}' has id #{report.Entity.Id}, the server answered #{id}");
                    }
                    if (report.Content.Description != ack.Text)
                    {
                        violations.Add($"report #{report.Entity.Id}: its description differs from what was sent");
                    }
                    if (!report.Attachments.Any(a => a.Name == ack.FileName && a.Sha256 == ack.Sha256))
                    {
                        lost.TryAdd(ack, $"cycle {ack.Cycle}: the intake attachment {ack.FileName} of report #{report.Entity.Id} is missing or differs");
                    }
                    break;
                case WriteKind.Comment or WriteKind.Note:
                    var kind = ack.Kind == WriteKind.Note ? ReportEventKind.InternalNote : ReportEventKind.Comment;
                    if (!reports.TryGetValue(ack.ReportId!.Value, out var commented)
                        || !commented.Events.Any(e => e.Entity.Kind == kind && e.Text == ack.Text))
                    {
                        lost.TryAdd(ack, $"cycle {ack.Cycle}: {kind} '{ack.Marker[..Math.Min(ack.Marker.Length, 40)]}…' on report #{ack.ReportId} is missing");
                    }
                    break;
                case WriteKind.Attachment:
                    if (!reports.TryGetValue(ack.ReportId!.Value, out var attached)
                        || !attached.Attachments.Any(a => a.Name == ack.Marker && a.Sha256 == ack.Sha256))
                    {
                        lost.TryAdd(ack, $"cycle {ack.Cycle}: attachment {ack.Marker} on report #{ack.ReportId} is missing or differs");
                    }
                    break;
                case WriteKind.Accept:
                    if (!reports.TryGetValue(ack.ReportId!.Value, out var accepted)
                        || accepted.Entity.State == ReportState.New
                        || !accepted.Events.Any(e => e.Entity.ToState == ReportState.Accepted))
                    {
                        lost.TryAdd(ack, $"cycle {ack.Cycle}: the accept of report #{ack.ReportId} is missing");
                    }
                    break;
                case WriteKind.Publish:
                    if (!reports.TryGetValue(ack.ReportId!.Value, out var published)
                        || published.Entity.State != ReportState.Published
                        || published.Entity.AdvisoryId is not { } advisoryId
                        || (ack.AdvisoryId is not null && advisoryId != ack.AdvisoryId)
                        || !advisories.ContainsKey(advisoryId))
                    {
                        lost.TryAdd(ack, $"cycle {ack.Cycle}: the publication of report #{ack.ReportId} ({ack.AdvisoryId ?? "id not known"}) is missing");
                    }
                    break;
                case WriteKind.Import:
                    foreach (var importedId in ack.ImportIds!)
                    {
                        if (!advisories.TryGetValue(importedId, out var advisory) || !advisory.Document.Contains(importedId, StringComparison.Ordinal))
                        {
                            lost.TryAdd(ack, $"cycle {ack.Cycle}: imported advisory {importedId} is missing");
                        }
                    }
                    break;
            }
        }
    }

    /// <summary>Everything seen at the last check is still there, unchanged: the timeline only grows, attachments and advisories stay.</summary>
    private void CheckAppendOnly(Dictionary<long, Report> reports, List<AdvisoryEntity> advisories, List<string> violations)
    {
        var events = reports.Values.SelectMany(r => r.Events).ToDictionary(e => e.Entity.Id, Digest);
        var attachments = reports.Values.SelectMany(r => r.Attachments).ToDictionary(a => a.Entity.Id, a => $"{a.Entity.ReportId}/{a.Name}/{a.Sha256}");
        foreach (var (id, digest) in _seenEvents)
        {
            if (!events.TryGetValue(id, out var now))
            {
                violations.Add($"timeline event {id} seen before is gone");
            }
            else if (now != digest)
            {
                violations.Add($"timeline event {id} changed since it was seen");
            }
        }
        foreach (var (id, digest) in _seenAttachments)
        {
            if (attachments.GetValueOrDefault(id) != digest)
            {
                violations.Add($"attachment {id} seen before is gone or changed");
            }
        }
        violations.AddRange(_seenReports.Where(id => !reports.ContainsKey(id)).Select(id => $"report #{id} seen before is gone"));
        var advisoryIds = advisories.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        violations.AddRange(_seenAdvisories.Where(id => !advisoryIds.Contains(id)).Select(id => $"advisory {id} seen before is gone"));
        foreach (var (id, digest) in events)
        {
            _seenEvents[id] = digest;
        }
        foreach (var (id, digest) in attachments)
        {
            _seenAttachments[id] = digest;
        }
        _seenReports.UnionWith(reports.Keys);
        _seenAdvisories.UnionWith(advisoryIds);
    }

    private static string Digest(Event e) =>
        $"{e.Entity.ReportId}|{e.Entity.At.UtcTicks}|{e.Entity.Kind}|{e.Entity.ActorKind}|{e.Entity.ActorUserId}|{e.Entity.FromState}|{e.Entity.ToState}|{e.Entity.Visibility}|{e.Entity.Detail}|{e.Text}";

    private static void CheckInvariants(Dictionary<long, Report> reports, List<AdvisoryEntity> advisories, List<DeadlineActionEntity> actions, List<string> violations)
    {
        var advisoryIds = advisories.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var report in reports.Values)
        {
            var id = report.Entity.Id;
            // Every upload is one attachment row and one timeline entry, written together.
            var uploads = report.Events.Count(e => e.Entity.Kind == ReportEventKind.Attachment);
            if (uploads != report.Attachments.Count)
            {
                violations.Add($"report #{id}: {report.Attachments.Count} attachment(s) but {uploads} upload(s) on its timeline");
            }
            // The state is the one the timeline last moved it to.
            var lastMove = report.Events.LastOrDefault(e => e.Entity.ToState is not null)?.Entity.ToState ?? ReportState.New;
            if (lastMove != report.Entity.State)
            {
                violations.Add($"report #{id}: state {report.Entity.State} but its timeline last moved it to {lastMove}");
            }
            // Published: the advisory, the report's link to it and the timeline's entry, all or nothing.
            var publishedEvents = report.Events.Count(e => e.Entity.ToState == ReportState.Published);
            var isPublished = report.Entity.State is ReportState.Published or ReportState.Withdrawn;
            if (isPublished != (publishedEvents == 1) || publishedEvents > 1)
            {
                violations.Add($"report #{id}: state {report.Entity.State} with {publishedEvents} publication(s) on its timeline");
            }
            if (isPublished != (report.Entity.AdvisoryId is not null) || (report.Entity.AdvisoryId is { } advisory && !advisoryIds.ContainsKey(advisory)))
            {
                violations.Add($"report #{id}: state {report.Entity.State}, advisory {report.Entity.AdvisoryId ?? "none"}, stored: {report.Entity.AdvisoryId is { } a && advisoryIds.ContainsKey(a)}");
            }
            // Each deadline action taken is one timeline entry: none without the other, none twice.
            var taken = actions.Where(a => a.ReportId == id).ToList();
            var reminders = taken.Count(a => a.Action is DeadlineAction.TriageReminder or DeadlineAction.PublicationReminder);
            var reminderEvents = report.Events.Count(e => e.Entity.Kind == ReportEventKind.Reminder);
            if (reminders != reminderEvents)
            {
                violations.Add($"report #{id}: {reminders} reminder(s) taken by the clock, {reminderEvents} on its timeline");
            }
            foreach (var duplicate in report.Events.Where(e => e.Entity.Kind is ReportEventKind.Reminder or ReportEventKind.Escalated or ReportEventKind.Flagged)
                .GroupBy(e => (e.Entity.Kind, e.Entity.Detail)).Where(g => g.Count() > 1))
            {
                violations.Add($"report #{id}: the deadline action '{duplicate.Key.Detail}' is on its timeline {duplicate.Count()} times");
            }
        }
        foreach (var duplicate in actions.GroupBy(a => (a.ReportId, a.Action, a.DueAt.UtcTicks)).Where(g => g.Count() > 1))
        {
            violations.Add($"report #{duplicate.Key.ReportId}: deadline action {duplicate.Key.Action} taken {duplicate.Count()} times");
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

    /// <summary>
    /// The restarted server answers for what the database holds: every advisory that appeared since the last check (and
    /// a sample of older ones) is served by <c>/v1/vulns</c> and matched by <c>/v1/query</c> on its package; the reports
    /// written to in this cycle show every acknowledged comment and attachment to the team, and an attachment downloads
    /// with the bytes that were sent.
    /// </summary>
    private async Task CheckThroughApiAsync(IReadOnlyList<Ack> journal, int cycle, string url, Dictionary<long, Report> reports,
        List<AdvisoryEntity> advisories, Random random, Dictionary<Ack, string> lost, List<string> violations)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        var fresh = advisories.Where(a => !_checkedThroughApi.Contains(a.Id)).ToList();
        var older = advisories.Where(a => _checkedThroughApi.Contains(a.Id)).OrderBy(_ => random.Next()).Take(10);
        foreach (var advisory in fresh.Concat(older))
        {
            using var vulns = await http.GetAsync($"/v1/vulns/{Uri.EscapeDataString(advisory.Id)}");
            if (!vulns.IsSuccessStatusCode)
            {
                violations.Add($"advisory {advisory.Id} is stored but GET /v1/vulns answers {(int)vulns.StatusCode}");
                continue;
            }
            var package = JsonNode.Parse(advisory.Document)!["affected"]![0]!["package"]!["name"]!.GetValue<string>();
            var query = new JsonObject { ["package"] = new JsonObject { ["ecosystem"] = "npm", ["name"] = package }, ["version"] = "0.0.1" };
            if (!await MatchedAsync(http, query, advisory.Id))
            {
                violations.Add($"advisory {advisory.Id} is stored but /v1/query on npm/{package}@0.0.1 does not return it");
            }
            _checkedThroughApi.Add(advisory.Id);
        }

        var triager = instance.Triagers[0];
        var touched = journal.Where(a => a.Cycle == cycle && a.ReportId is not null).Select(a => a.ReportId!.Value).Distinct().Take(8);
        foreach (var id in touched)
        {
            if (!reports.ContainsKey(id))
            {
                continue; // counted as lost above
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{id}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", triager);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                violations.Add($"report #{id} is stored but GET /api/reports/{id} answers {(int)response.StatusCode}");
                continue;
            }
            var view = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var texts = view["timeline"]!.AsArray().Select(e => (string?)e!["text"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var files = view["attachments"]!.AsArray().ToDictionary(a => (string)a!["fileName"]!, a => (long)a!["id"]!, StringComparer.Ordinal);
            foreach (var ack in journal.Where(a => a.ReportId == id))
            {
                if (ack.Kind is WriteKind.Comment or WriteKind.Note && !texts.Contains(ack.Text!))
                {
                    lost.TryAdd(ack, $"cycle {ack.Cycle}: {ack.Kind} on report #{id} is not in GET /api/reports/{id}");
                }
                if (ack.Kind is WriteKind.Attachment or WriteKind.Report && (ack.Kind == WriteKind.Report ? ack.FileName! : ack.Marker) is var name)
                {
                    if (!files.TryGetValue(name, out var attachmentId))
                    {
                        lost.TryAdd(ack, $"cycle {ack.Cycle}: attachment {name} of report #{id} is not in GET /api/reports/{id}");
                    }
                    else if (ack.Cycle == cycle && await DownloadAsync(http, triager, id, attachmentId) != ack.Sha256)
                    {
                        violations.Add($"attachment {name} of report #{id} downloads with other bytes than were sent");
                    }
                }
            }
        }
    }

    private readonly HashSet<string> _checkedThroughApi = new(StringComparer.Ordinal);

    private static async Task<bool> MatchedAsync(HttpClient http, JsonObject query, string id)
    {
        // The matching index refreshes every second (Vigil:IndexRefreshSeconds=1): a fresh server has built it on
        // its first query; allow a few refreshes before calling a miss.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await http.PostAsync("/v1/query", new StringContent(query.ToJsonString(), Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && body.Contains($"\"{id}\"", StringComparison.Ordinal))
            {
                return true;
            }
            await Task.Delay(500);
        }
        return false;
    }

    private static async Task<string> DownloadAsync(HttpClient http, string bearer, long report, long attachment)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{report}/attachments/{attachment}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode ? Convert.ToHexString(SHA256.HashData(await response.Content.ReadAsByteArrayAsync())) : $"HTTP {(int)response.StatusCode}";
    }
}
