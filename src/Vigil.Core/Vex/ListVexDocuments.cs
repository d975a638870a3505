using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Vex;

/// <summary>One published OpenVEX document, as the API lists it and the pages link it.</summary>
/// <param name="AdvisoryId">The advisory of the report it answers, when that advisory is public.</param>
public sealed record VexSummary(
    long Id, string Url, string Vulnerability, IReadOnlyList<string> Products, string Justification,
    DateTimeOffset PublishedAt, string? AdvisoryId);

/// <summary>
/// The published OpenVEX documents (docs/api.md, "VEX documents"), newest first: all of them, those of one package, or
/// those of one advisory. Only what the team published is read: the documents themselves.
/// </summary>
public sealed class ListVexDocuments(VigilDbContext db)
{
    public const int MaxListed = 1000;

    public async Task<IReadOnlyList<VexSummary>> ExecuteAsync(
        string? ecosystem = null, string? name = null, string? advisoryId = null,
        CancellationToken cancellationToken = default)
    {
        var published = db.ReportDisputes.AsNoTracking().Where(d => d.VexPublishedAt != null);
        if (ecosystem is not null && name is not null)
        {
            published = published.Where(d => db.ReportPackages.Any(
                p => p.ReportId == d.ReportId && p.Ecosystem == ecosystem && p.Name == name));
        }
        if (advisoryId is not null)
        {
            published = published.Where(d => db.Reports.Any(r => r.Id == d.ReportId && r.AdvisoryId == advisoryId));
        }
        var rows = await published.OrderByDescending(d => d.Id).Take(MaxListed)
            .Select(d => new
            {
                d.Id,
                d.VexDocument,
                PublishedAt = d.VexPublishedAt!.Value,
                Advisory = db.Reports.Where(r => r.Id == d.ReportId
                        && (r.State == ReportState.Published || r.State == ReportState.Withdrawn))
                    .Select(r => r.AdvisoryId).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var package = ecosystem is not null && name is not null ? PackageUrl.For(ecosystem, name) : null;
        return rows.Select(r => Summary(r.Id, r.VexDocument!, r.PublishedAt, r.Advisory))
            // A report may name several packages and a dispute cover some: the package's list keeps the documents
            // whose products name it.
            .Where(s => package is null || s.Products.Any(p => p == package || p.StartsWith(package + "@",
                StringComparison.Ordinal)))
            .ToList();
    }

    /// <summary>A published document by id, exactly as published; null when there is none (or not yet).</summary>
    public async Task<string?> DocumentAsync(long id, CancellationToken cancellationToken = default) =>
        await db.ReportDisputes.AsNoTracking().Where(d => d.Id == id && d.VexPublishedAt != null)
            .Select(d => d.VexDocument).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The newest published document's id: part of the advisory page's cache key.</summary>
    public static Task<long?> StampAsync(VigilDbContext db, CancellationToken cancellationToken) =>
        db.ReportDisputes.Where(d => d.VexPublishedAt != null).MaxAsync(d => (long?)d.Id, cancellationToken);

    private static VexSummary Summary(long id, string document, DateTimeOffset publishedAt, string? advisory)
    {
        var statement = JsonNode.Parse(document)!["statements"]![0]!;
        return new VexSummary(
            id, ReportDisputes.VexPath(id), statement["vulnerability"]!["name"]!.GetValue<string>(),
            [.. statement["products"]!.AsArray().Select(p => p!["@id"]!.GetValue<string>())],
            statement["justification"]!.GetValue<string>(), publishedAt, advisory);
    }
}
