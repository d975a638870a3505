using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Hacktivity;

public sealed record HacktivityItem(
    string AdvisoryId, string? Summary, DateTimeOffset PublishedAt, IReadOnlyList<string> Packages, string Severity,
    IReadOnlyList<PublicCredit> Credits, PublicAmount? Bounty);

public sealed record HacktivityPage(
    string Program, int Page, int PageSize, int Total, IReadOnlyList<HacktivityItem> Items);

/// <summary>A program's published reports, newest first, paged (docs/bounties.md, hacktivity). Unpublished reports are
/// never in it.</summary>
public sealed class ListHacktivity(VigilDbContext db)
{
    public const int PageSize = 20;

    public async Task<HacktivityPage> ExecuteAsync(
        string slug, int page = 1, CancellationToken cancellationToken = default)
    {
        if (page < 1 || page > 100_000)
        {
            throw new ValidationFailedException("page: a page number from 1.", new Dictionary<string, string[]>
            {
                ["page"] = [$"'{page}' is not a page number (1 or more)."],
            });
        }
        var programId = await PublishedReports.ProgramIdAsync(db, slug, cancellationToken);
        var query = PublishedReports.Query(db, programId);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.ReportId)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.ReportId).ToList();
        var packages = await PublishedReports.PackagesAsync(db, ids, cancellationToken);
        var bounties = await PublicBounty.ForReportsAsync(db, ids, cancellationToken);
        var items = rows.Select(r => new HacktivityItem(
            r.AdvisoryId, r.Summary, r.PublishedAt, packages.GetValueOrDefault(r.ReportId) ?? [],
            r.Severity.ToNpmWord(), PublishedReports.Credits(r.Document),
            bounties.GetValueOrDefault(r.ReportId)?.Total)).ToList();
        return new HacktivityPage(slug, page, PageSize, total, items);
    }
}
