using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Advisories;

/// <summary>What the public search asks for; every part is optional. Dates are inclusive UTC days of
/// publication.</summary>
public sealed record AdvisorySearch(
    string? Text = null,
    string? Ecosystem = null,
    string? Package = null,
    AdvisorySeverity? Severity = null,
    DateOnly? PublishedFrom = null,
    DateOnly? PublishedTo = null,
    bool OldestFirst = false,
    int Page = 1,
    int PageSize = 25);

public sealed record AdvisoryPackage(string Ecosystem, string Name);

public sealed record AdvisoryListItem(
    string Id, string? Summary, AdvisorySeverity Severity, double? CvssScore,
    DateTimeOffset? Published, DateTimeOffset Modified, DateTimeOffset? Withdrawn,
    IReadOnlyList<AdvisoryPackage> Packages);

public sealed record AdvisorySearchResult(int Total, int Page, int PageSize, IReadOnlyList<AdvisoryListItem> Items)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The public list: filters on indexed columns (ecosystem and package through affected_packages'
/// indexes, severity, publication date), free text over id, aliases, summary and package names, sorted
/// by publication date (advisories without one last), one page at a time with the total count.
/// Only the page's rows are read, never the OSV documents.
/// </summary>
public sealed class SearchAdvisories(VigilDbContext db)
{
    public const int MaxPageSize = 100;

    public async Task<AdvisorySearchResult> ExecuteAsync(
        AdvisorySearch search, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(search.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, search.Page);
        var query = Filter(search);
        var total = await query.CountAsync(cancellationToken);

        var ordered = search.OldestFirst
            ? query.OrderBy(a => a.Published == null).ThenBy(a => a.Published).ThenBy(a => a.Id)
            : query.OrderBy(a => a.Published == null).ThenByDescending(a => a.Published).ThenBy(a => a.Id);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(
                a => new { a.Number, a.Id, a.Summary, a.Severity, a.CvssScore, a.Published, a.Modified, a.Withdrawn })
            .ToListAsync(cancellationToken);

        var numbers = rows.Select(r => r.Number).ToList();
        var packages = (await db.AffectedPackages.AsNoTracking()
                .Where(p => numbers.Contains(p.AdvisoryNumber))
                .Select(p => new { p.AdvisoryNumber, p.Index, p.Ecosystem, p.Name })
                .ToListAsync(cancellationToken))
            .OrderBy(p => p.Index)
            .ToLookup(p => p.AdvisoryNumber, p => new AdvisoryPackage(p.Ecosystem, p.Name));

        var items = rows.Select(
            r => new AdvisoryListItem(r.Id, r.Summary, r.Severity, r.CvssScore, r.Published, r.Modified, r.Withdrawn,
            packages[r.Number].Distinct().ToList())).ToList();
        return new AdvisorySearchResult(total, page, pageSize, items);
    }

    private IQueryable<AdvisoryEntity> Filter(AdvisorySearch search)
    {
        var query = db.Advisories.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.Ecosystem) || !string.IsNullOrWhiteSpace(search.Package))
        {
            var ecosystem = NullIfBlank(search.Ecosystem);
            var package = NullIfBlank(search.Package);
            query = query.Where(a => db.AffectedPackages.Any(p => p.AdvisoryNumber == a.Number
                && (ecosystem == null || p.Ecosystem == ecosystem)
                && (package == null || p.Name == package)));
        }
        if (search.Severity is { } severity)
        {
            query = query.Where(a => a.Severity == severity);
        }
        if (search.PublishedFrom is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.Published >= start);
        }
        if (search.PublishedTo is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.Published < end);
        }
        if (NullIfBlank(search.Text) is { } text)
        {
            // A case-insensitive substring of the id, an alias, the summary or a package name. The alias and
            // package matches are uncorrelated IN lists, so each table is scanned once, not once per advisory.
            var lower = text.ToLowerInvariant();
            var byAlias = db.AdvisoryAliases.Where(alias => alias.Alias.ToLower().Contains(lower))
                .Select(alias => alias.AdvisoryNumber);
            var byPackage = db.AffectedPackages.Where(p => p.Name.ToLower().Contains(lower))
                .Select(p => p.AdvisoryNumber);
            query = query.Where(a => a.Id.ToLower().Contains(lower)
                || (a.Summary != null && a.Summary.ToLower().Contains(lower))
                || byAlias.Contains(a.Number)
                || byPackage.Contains(a.Number));
        }
        return query;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
