using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Advisories;

/// <summary>
/// What the public search asks for; every part is optional. Dates are inclusive UTC days of publication;
/// <see cref="Cwe"/> is a CWE id as <see cref="CweIds"/> writes it (<c>CWE-1321</c>).
/// </summary>
public sealed record AdvisorySearch(
    string? Text = null,
    string? Ecosystem = null,
    string? Package = null,
    AdvisorySeverity? Severity = null,
    DateOnly? PublishedFrom = null,
    DateOnly? PublishedTo = null,
    AdvisorySort Sort = AdvisorySort.Relevance,
    int Page = 1,
    int PageSize = 25,
    string? Cwe = null);

/// <summary>Relevance applies when there is text; without text the list is newest first.</summary>
public enum AdvisorySort
{
    Relevance,
    Newest,
    Oldest,
}

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
/// indexes, CWE through advisory_cwes', severity, publication date) and free text. The text is looked
/// up in the full-text index (summary, details, aliases, package names, CWE names: <see cref="SearchQuery"/>
/// for the syntax) and, as before, as a case-insensitive part of an id, alias, summary or package name.
/// With text and no sort asked, the best matches come first: an exact id or alias, then by relevance,
/// then what only a part of a name matched; otherwise by publication date (advisories without one last).
/// One page at a time with the total count; only the page's rows are read, never the OSV documents.
/// </summary>
public sealed class SearchAdvisories(VigilDbContext db)
{
    public const int MaxPageSize = 100;

    public async Task<AdvisorySearchResult> ExecuteAsync(
        AdvisorySearch search, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(search.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, search.Page);
        search = search with
        {
            Text = Printable(search.Text),
            Ecosystem = Printable(search.Ecosystem),
            Package = Printable(search.Package),
        };
        var text = NullIfBlank(search.Text);
        if (text?.Length > SearchQuery.MaxLength)
        {
            throw new Errors.ValidationFailedException(
                $"The search text is longer than {SearchQuery.MaxLength} characters.",
                new Dictionary<string, string[]> { ["q"] = [$"at most {SearchQuery.MaxLength} characters."] });
        }
        var filtered = Filter(search);
        IQueryable<Ranked> ranked;
        if (text is null)
        {
            ranked = filtered.Select(a => new Ranked { Advisory = a, Exact = false, Rank = null });
        }
        else
        {
            ranked = Matching(filtered, text);
        }
        var total = await ranked.CountAsync(cancellationToken);

        var sort = search.Sort == AdvisorySort.Relevance && text is null ? AdvisorySort.Newest : search.Sort;
        var ordered = sort switch
        {
            AdvisorySort.Relevance => ranked.OrderByDescending(r => r.Exact).ThenByDescending(r => r.Rank != null)
                .ThenByDescending(r => r.Rank).ThenBy(r => r.Advisory.Published == null)
                .ThenByDescending(r => r.Advisory.Published).ThenBy(r => r.Advisory.Id),
            AdvisorySort.Oldest => ranked.OrderByDescending(r => r.Exact).ThenBy(r => r.Advisory.Published == null)
                .ThenBy(r => r.Advisory.Published).ThenBy(r => r.Advisory.Id),
            _ => ranked.OrderByDescending(r => r.Exact).ThenBy(r => r.Advisory.Published == null)
                .ThenByDescending(r => r.Advisory.Published).ThenBy(r => r.Advisory.Id),
        };
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new
            {
                r.Advisory.Number,
                r.Advisory.Id,
                r.Advisory.Summary,
                r.Advisory.Severity,
                r.Advisory.CvssScore,
                r.Advisory.Published,
                r.Advisory.Modified,
                r.Advisory.Withdrawn,
            })
            .ToListAsync(cancellationToken);

        var numbers = rows.Select(r => r.Number).ToList();
        var packages = (await db.AffectedPackages.AsNoTracking()
                .Where(p => numbers.Contains(p.AdvisoryNumber))
                .Select(p => new { p.AdvisoryNumber, p.Index, p.Ecosystem, p.Name })
                .ToListAsync(cancellationToken))
            .OrderBy(p => p.Index)
            .ToLookup(p => p.AdvisoryNumber, p => new AdvisoryPackage(p.Ecosystem, p.Name));

        var items = rows.Select(r => new AdvisoryListItem(
                r.Id, r.Summary, r.Severity, r.CvssScore, r.Published, r.Modified, r.Withdrawn,
                packages[r.Number].Distinct().ToList()))
            .ToList();
        return new AdvisorySearchResult(total, page, pageSize, items);
    }

    private sealed class Ranked
    {
        public required AdvisoryEntity Advisory { get; init; }
        public bool Exact { get; init; }
        public double? Rank { get; init; }
    }

    private IQueryable<Ranked> Matching(IQueryable<AdvisoryEntity> filtered, string text)
    {
        // The part-of-a-name match: the alias and package lists are uncorrelated IN lists, so each table is
        // scanned once, not once per advisory.
        var lower = text.ToLowerInvariant();
        var byAlias = db.AdvisoryAliases.Where(alias => alias.Alias.ToLower().Contains(lower))
            .Select(alias => alias.AdvisoryNumber);
        var byPackage = db.AffectedPackages.Where(p => p.Name.ToLower().Contains(lower)).Select(p => p.AdvisoryNumber);
        var exactAlias = db.AdvisoryAliases.Where(alias => alias.Alias.ToLower() == lower)
            .Select(alias => alias.AdvisoryNumber);
        var query = SearchQuery.Parse(text);
        if (query.IsEmpty)
        {
            return filtered
                .Where(a => a.Id.ToLower().Contains(lower)
                    || (a.Summary != null && a.Summary.ToLower().Contains(lower))
                    || byAlias.Contains(a.Number)
                    || byPackage.Contains(a.Number))
                .Select(a => new Ranked
                {
                    Advisory = a,
                    Exact = a.Id.ToLower() == lower || exactAlias.Contains(a.Number),
                    Rank = null,
                });
        }
        var hits = AdvisoryTextHits.Query(db, query);
        return
            from a in filtered
            join h in hits on a.Number equals h.Number into found
            from h in found.DefaultIfEmpty()
            let rank = (double?)h.Rank
            where rank != null
                || a.Id.ToLower().Contains(lower)
                || (a.Summary != null && a.Summary.ToLower().Contains(lower))
                || byAlias.Contains(a.Number)
                || byPackage.Contains(a.Number)
            select new Ranked
            {
                Advisory = a,
                Exact = a.Id.ToLower() == lower || exactAlias.Contains(a.Number),
                Rank = rank,
            };
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
        if (NullIfBlank(search.Cwe) is { } cwe)
        {
            query = query.Where(a => db.AdvisoryCwes.Any(c => c.AdvisoryNumber == a.Number && c.CweId == cwe));
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
        return query;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Control characters and halves of a surrogate pair become spaces: PostgreSQL refuses a NUL in text and
    /// neither database can be sent half a pair, and no advisory holds either.
    /// </summary>
    private static string? Printable(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var paired = char.IsHighSurrogate(chars[i]) ? i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])
                : !char.IsLowSurrogate(chars[i]) || (i > 0 && char.IsHighSurrogate(chars[i - 1]));
            if (char.IsControl(chars[i]) || !paired)
            {
                chars[i] = ' ';
            }
        }
        return new string(chars);
    }
}
