using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Hacktivity;

public sealed record PublicCredit(string Name, string Type);

/// <summary>
/// The one query every hacktivity view starts from: a program's reports in state published whose advisory is
/// in the public database and not withdrawn. Everything shown comes from that public advisory (its
/// credits — declined ones were never published —, severity and packages) or from the report's public dates;
/// the sealed report is never opened.
/// </summary>
internal static class PublishedReports
{
    /// <summary>Init properties, not a positional record: EF translates ordering and filtering on a member-initialized
    /// projection only.</summary>
    public sealed record Row
    {
        public long ReportId { get; init; }
        public Guid? ReporterUserId { get; init; }
        public DateTimeOffset SubmittedAt { get; init; }
        public DateTimeOffset PublishedAt { get; init; }
        public string AdvisoryId { get; init; } = "";
        public string? Summary { get; init; }
        public AdvisorySeverity Severity { get; init; }
        public string Document { get; init; } = "";
    }

    public static async Task<long> ProgramIdAsync(
        VigilDbContext db, string slug, CancellationToken cancellationToken) =>
        await db.Programs.AsNoTracking()
            .Where(p => p.Slug == slug)
            .Select(p => (long?)p.Id)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException($"No program '{slug}'.");

    public static IQueryable<Row> Query(VigilDbContext db, long programId) =>
        from r in db.Reports.AsNoTracking()
        join a in db.Advisories.AsNoTracking() on r.AdvisoryId equals a.Id
        where r.ProgramId == programId && r.State == ReportState.Published && r.PublishedAt != null
            && a.Withdrawn == null
        select new Row
        {
            ReportId = r.Id,
            ReporterUserId = r.ReporterUserId,
            SubmittedAt = r.SubmittedAt,
            PublishedAt = r.PublishedAt!.Value,
            AdvisoryId = a.Id,
            Summary = a.Summary,
            Severity = a.Severity,
            Document = a.Document,
        };

    public static IReadOnlyList<PublicCredit> Credits(string document)
    {
        var credits = JsonNode.Parse(document)?["credits"] as JsonArray;
        return credits is null ? [] : credits
            .Select(c => (Name: c?["name"]?.GetValue<string>(), Type: c?["type"]?.GetValue<string>() ?? "OTHER"))
            .Where(c => !string.IsNullOrWhiteSpace(c.Name))
            .Select(c => new PublicCredit(c.Name!, c.Type)).ToList();
    }

    public static async Task<Dictionary<long, List<string>>> PackagesAsync(
        VigilDbContext db, IReadOnlyCollection<long> reportIds, CancellationToken cancellationToken) =>
        (await db.ReportPackages.AsNoTracking()
            .Where(p => reportIds.Contains(p.ReportId))
            .Select(p => new { p.ReportId, p.Ecosystem, p.Name })
            .ToListAsync(cancellationToken))
            .GroupBy(p => p.ReportId)
            .ToDictionary(g => g.Key, g => g.Select(p => $"{p.Ecosystem}/{p.Name}").Distinct().ToList());
}
