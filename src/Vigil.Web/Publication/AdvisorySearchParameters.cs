using System.Globalization;
using Vigil.Core.Advisories;
using Vigil.Core.Errors;

namespace Vigil.Web.Publication;

/// <summary>
/// The query string of <c>GET /api/advisories</c>, read into the search the page runs
/// (docs/api.md, "Searching advisories").
/// </summary>
public sealed record AdvisorySearchParameters(
    string? Q, string? Ecosystem, string? Package, string? Severity, string? Cwe, string? From, string? To,
    string? Sort,
    int? Page, int? PageSize)
{
    public static AdvisorySearchParameters Read(HttpRequest request)
    {
        string? Get(string key) => request.Query[key].FirstOrDefault();
        var errors = new Dictionary<string, string[]>();
        int? Number(string key, int max)
        {
            var value = Get(key);
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && number >= 1 && number <= max)
            {
                return number;
            }
            errors[key] = [$"a whole number from 1 to {max}."];
            return null;
        }
        var parameters = new AdvisorySearchParameters(Get("q"), Get("ecosystem"), Get("package"), Get("severity"),
            Get("cwe"), Get("from"), Get("to"), Get("sort"), Number("page", 100_000),
            Number("pageSize", SearchAdvisories.MaxPageSize));
        return errors.Count > 0 ? throw Invalid(errors) : parameters;
    }

    /// <summary>The search, or <see cref="ValidationFailedException"/> naming every parameter that is wrong.</summary>
    public AdvisorySearch ToSearch()
    {
        var errors = new Dictionary<string, string[]>();
        if (Q?.Length > SearchQuery.MaxLength)
        {
            errors["q"] = [$"at most {SearchQuery.MaxLength} characters."];
        }
        AdvisorySeverity? severity = null;
        if (!string.IsNullOrWhiteSpace(Severity))
        {
            if (Severity.Trim() == "unknown")
            {
                severity = AdvisorySeverity.Unknown;
            }
            else if (AdvisorySeverityNames.TryParse(Severity, out var parsed))
            {
                severity = parsed;
            }
            else
            {
                errors["severity"] = ["one of critical, high, moderate, low, info, unknown."];
            }
        }
        string? cwe = null;
        if (!string.IsNullOrWhiteSpace(Cwe))
        {
            var trimmed = Cwe.Trim();
            var id = "CWE-" + (trimmed.StartsWith("CWE-", StringComparison.OrdinalIgnoreCase) ? trimmed[4..] : trimmed);
            if (CweIds.IsValid(id) && id.Length <= 12)
            {
                cwe = id;
            }
            else
            {
                errors["cwe"] = ["a CWE id: CWE- and a number, e.g. CWE-1321."];
            }
        }
        var from = Date(From, "from", errors);
        var to = Date(To, "to", errors);
        if (from > to)
        {
            errors["from"] = ["on or before 'to'."];
        }
        var sort = Sort?.Trim() switch
        {
            null or "" or "relevance" => AdvisorySort.Relevance,
            "newest" => AdvisorySort.Newest,
            "oldest" => AdvisorySort.Oldest,
            _ => (AdvisorySort?)null,
        };
        if (sort is null)
        {
            errors["sort"] = ["one of relevance, newest, oldest."];
        }
        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }
        return new AdvisorySearch(
            Q, Ecosystem, Package, severity, from, to, sort!.Value, Page ?? 1, PageSize ?? 25, cwe);
    }

    private static DateOnly? Date(string? value, string key, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(
            value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[key] = ["a date in the form YYYY-MM-DD."];
        return null;
    }

    private static ValidationFailedException Invalid(Dictionary<string, string[]> errors) =>
        new($"The search is invalid: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}"))}", errors);
}

/// <summary>One page of the search's answer, severities as words.</summary>
public sealed record AdvisorySearchPage(
    int Total, int Page, int PageSize, int Pages, IReadOnlyList<AdvisorySearchItem> Items)
{
    public static AdvisorySearchPage From(AdvisorySearchResult result) =>
        new(result.Total, result.Page, result.PageSize, result.Pages, result.Items.Select(i => new AdvisorySearchItem(
            i.Id, i.Summary, i.Severity.ToNpmWord(), i.CvssScore, i.Published, i.Modified,
            i.Withdrawn, i.Packages)).ToList());
}

public sealed record AdvisorySearchItem(
    string Id, string? Summary, string Severity, double? CvssScore, DateTimeOffset? Published, DateTimeOffset Modified,
    DateTimeOffset? Withdrawn, IReadOnlyList<AdvisoryPackage> Packages);
