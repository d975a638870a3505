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

/// <summary>
/// After each restart: reads the whole database back with the product's own code (every sealed value opened with the
/// master key, as <c>vigil admin compare</c> does) and asks the restarted server through its API, then checks every
/// acknowledged write (a miss is a lost write) and the invariants that hold whatever was in flight (a breach is an
/// integrity violation). What it saw is kept, so the next check can tell the timeline only grew.
/// </summary>
internal sealed partial class Verifier(Instance instance)
{
    private readonly Dictionary<long, string> _seenEvents = [];
    private readonly Dictionary<long, string> _seenAttachments = [];
    private readonly HashSet<string> _seenAdvisories = new(StringComparer.Ordinal);
    private readonly HashSet<long> _seenReports = [];

    public sealed record Result(
        Dictionary<Ack, string> Lost, List<string> Violations, int Reports, int Events, int Attachments, int Advisories,
        int DeadlineActions);

    private sealed record Report(
        ReportEntity Entity, ReportContent Content, List<Event> Events, List<Attachment> Attachments);

    private sealed record Event(ReportEventEntity Entity, string? Text);

    private sealed record Attachment(ReportAttachmentEntity Entity, string Name, string Sha256);

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
            await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead);
            advisories = await db.Advisories.AsNoTracking().ToListAsync();
            actions = await db.DeadlineActions.AsNoTracking().ToListAsync();
            reports = await ReadReportsAsync(db, vault, violations);
        }
        VigilDatabase.ClearSqlitePools();
        var advisoryById = advisories.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var byTitle = reports.Values.GroupBy(r => r.Content.Title, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        CheckAcknowledged(journal, reports, byTitle, advisoryById, lost, violations);
        CheckAppendOnly(reports, advisories, violations);
        CheckInvariants(reports, advisories, actions, violations);
        await CheckThroughApiAsync(journal, cycle, url, reports, advisories, random, lost, violations);
        return new Result(lost, violations, reports.Count, reports.Values.Sum(r => r.Events.Count),
            reports.Values.Sum(r => r.Attachments.Count), advisories.Count, actions.Count);
    }

    private static async Task<Dictionary<long, Report>> ReadReportsAsync(
        VigilDbContext db, ReportVault vault, List<string> violations)
    {
        var reports = new Dictionary<long, Report>();
        var keys = new Dictionary<long, byte[]>();
        foreach (var entity in await db.Reports.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
        {
            try
            {
                var key = keys[entity.Id] = vault.Unwrap(entity.WrappedKey);
                reports[entity.Id] = new Report(entity, ReportContent.Open(key, entity.SealedContent), [], []);
            }
            catch (Exception e) when (e is CryptographicException or InvalidDataException or JsonException)
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
                text = e.SealedText is null ? null
                    : ReportVault.Open(keys[e.ReportId], e.SealedText, ReportContent.EventPurpose);
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
                    violations.Add($"attachment {a.Id} of report #{a.ReportId}: {bytes.Length} bytes,"
                        + $" its row says {a.Size}");
                }
                report.Attachments.Add(new Attachment(a, name, Convert.ToHexString(SHA256.HashData(bytes))));
            }
            catch (CryptographicException ex)
            {
                violations.Add($"attachment {a.Id} of report #{a.ReportId}: it does not decrypt ({ex.Message})");
            }
        }
        return reports;
    }

    private static void CheckAcknowledged(
        IReadOnlyList<Ack> journal, Dictionary<long, Report> reports, Dictionary<string, List<Report>> byTitle,
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
                        lost.TryAdd(ack, $"cycle {ack.Cycle}: intake attachment {ack.FileName} missing or altered");
                    }
                    break;
                case WriteKind.Comment or WriteKind.Note:
                    var kind = ack.Kind == WriteKind.Note ? ReportEventKind.InternalNote : ReportEventKind.Comment;
                    if (!reports.TryGetValue(ack.ReportId!.Value, out var commented)
                        || !commented.Events.Any(e => e.Entity.Kind == kind && e.Text == ack.Text))
                    {
                        var start = ack.Marker[..Math.Min(ack.Marker.Length, 30)];
                        lost.TryAdd(ack, $"cycle {ack.Cycle}: {kind} '{start}…' on report #{ack.ReportId} missing");
                    }
                    break;
                case WriteKind.Attachment:
                    if (!reports.TryGetValue(ack.ReportId!.Value, out var attached)
                        || !attached.Attachments.Any(a => a.Name == ack.Marker && a.Sha256 == ack.Sha256))
                    {
                        lost.TryAdd(ack, $"cycle {ack.Cycle}: attachment {ack.Marker} is missing or differs");
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
                        var advisoryName = ack.AdvisoryId ?? "id not known";
                        lost.TryAdd(ack, $"cycle {ack.Cycle}: the publication of report #{ack.ReportId} "
                            + $"({advisoryName}) is missing");
                    }
                    break;
                case WriteKind.Import:
                    foreach (var importedId in ack.ImportIds!)
                    {
                        if (!advisories.TryGetValue(importedId, out var advisory)
                            || !advisory.Document.Contains(importedId, StringComparison.Ordinal))
                        {
                            lost.TryAdd(ack, $"cycle {ack.Cycle}: imported advisory {importedId} is missing");
                        }
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// Everything seen at the last check is still there, unchanged: the timeline only grows, attachments and advisories
    /// stay.
    /// </summary>
    private void CheckAppendOnly(
        Dictionary<long, Report> reports, List<AdvisoryEntity> advisories, List<string> violations)
    {
        var events = reports.Values.SelectMany(r => r.Events).ToDictionary(e => e.Entity.Id, Digest);
        var attachments = reports.Values.SelectMany(r => r.Attachments)
            .ToDictionary(a => a.Entity.Id, a => $"{a.Entity.ReportId}/{a.Name}/{a.Sha256}");
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
        violations.AddRange(_seenReports.Where(id => !reports.ContainsKey(id))
            .Select(id => $"report #{id} seen before is gone"));
        var advisoryIds = advisories.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        violations.AddRange(_seenAdvisories.Where(id => !advisoryIds.Contains(id))
            .Select(id => $"advisory {id} seen before is gone"));
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
        string.Join('|', e.Entity.ReportId, e.Entity.At.UtcTicks, e.Entity.Kind, e.Entity.ActorKind,
            e.Entity.ActorUserId, e.Entity.FromState, e.Entity.ToState, e.Entity.Visibility, e.Entity.Detail, e.Text);
}
