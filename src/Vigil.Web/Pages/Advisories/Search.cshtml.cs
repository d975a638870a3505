using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Advisories;

namespace Vigil.Web.Pages.Advisories;

/// <summary>The home page: search box, filters and one page of matching advisories with the total count.</summary>
public sealed class SearchModel(SearchAdvisories search, ListEcosystems ecosystems, ListCwes cwes) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(Name = "q", SupportsGet = true)] public string? Text { get; set; }
    [BindProperty(SupportsGet = true)] public string? Ecosystem { get; set; }
    [BindProperty(SupportsGet = true)] public string? Package { get; set; }
    [BindProperty(SupportsGet = true)] public string? Severity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cwe { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    // Read from the query by hand: "page" is also Razor Pages' own route value (the page's path).
    public string? PageNumber => Request.Query["page"].FirstOrDefault();

    public List<string> Problems { get; } = [];
    public IReadOnlyList<string> Ecosystems { get; private set; } = [];
    public IReadOnlyList<CweChoice> Cwes { get; private set; } = [];
    public AdvisorySearchResult? Result { get; private set; }

    /// <summary>The sort asked for: relevance (the default, by date when there is no text), newest or oldest.</summary>
    public string SortChoice => string.IsNullOrWhiteSpace(Sort) ? "relevance" : Sort;

    /// <summary>
    /// The whole list was asked for (no search term or filter): where an empty instance shows its first steps.
    /// </summary>
    public bool Unfiltered =>
        new[] { Text, Ecosystem, Package, Severity, Cwe, From, To }.All(string.IsNullOrWhiteSpace);

    /// <summary>The filters in use (not the text), named as the form names them, with their query key.</summary>
    public IReadOnlyList<(string Key, string Label, string Value)> ActiveFilters =>
        new (string Key, string Label, string? Value)[]
        {
            ("ecosystem", "Ecosystem", Ecosystem), ("package", "Package", Package), ("severity", "Severity", Severity),
            ("cwe", "Weakness", Cwe), ("from", "Published from", From), ("to", "Published to", To),
        }.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => (f.Key, f.Label, f.Value!.Trim())).ToList();

    public static readonly AdvisorySeverity[] SeverityChoices =
        [AdvisorySeverity.Critical, AdvisorySeverity.High, AdvisorySeverity.Moderate, AdvisorySeverity.Low,
            AdvisorySeverity.Info, AdvisorySeverity.Unknown];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Ecosystems = await ecosystems.ExecuteAsync(cancellationToken);
        Cwes = await cwes.ExecuteAsync(cancellationToken);
        var criteria = Parse();
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Result = await search.ExecuteAsync(criteria!, cancellationToken);
        return Page();
    }

    /// <summary>This search with one parameter changed (null removes it), for paging and sorting links.</summary>
    public string Link(string? page = null, string? sort = null, params string[] without)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Text,
            ["ecosystem"] = Ecosystem,
            ["package"] = Package,
            ["severity"] = Severity,
            ["cwe"] = Cwe,
            ["from"] = From,
            ["to"] = To,
            ["sort"] = sort ?? Sort,
            ["page"] = page,
        };
        foreach (var key in without)
        {
            query.Remove(key);
        }
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/",
            query.Where(p => !string.IsNullOrWhiteSpace(p.Value))
                .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
    }

    private AdvisorySearch? Parse()
    {
        AdvisorySeverity? severity = null;
        if (!string.IsNullOrWhiteSpace(Severity))
        {
            if (Severity == "unknown")
            {
                severity = AdvisorySeverity.Unknown;
            }
            else if (AdvisorySeverityNames.TryParse(Severity, out var parsed))
            {
                severity = parsed;
            }
            else
            {
                Problems.Add($"Severity '{Severity}' is not one of critical, high, moderate, low, info, unknown.");
            }
        }
        var from = ParseDate(From, "From");
        var to = ParseDate(To, "To");
        if (from is not null && to is not null && from > to)
        {
            Problems.Add("The 'from' date is after the 'to' date.");
        }
        var page = 1;
        if (!string.IsNullOrWhiteSpace(PageNumber)
            && (!int.TryParse(PageNumber, NumberStyles.None, CultureInfo.InvariantCulture, out page)
                || page < 1
                || page > 100_000))
        {
            Problems.Add($"Page '{PageNumber}' is not a page number (1 or more).");
        }
        AdvisorySort sort = AdvisorySort.Relevance;
        switch (Sort)
        {
            case null or "" or "relevance":
                break;
            case "newest":
                sort = AdvisorySort.Newest;
                break;
            case "oldest":
                sort = AdvisorySort.Oldest;
                break;
            default:
                Problems.Add($"Sort '{Sort}' is not 'relevance', 'newest' or 'oldest'.");
                break;
        }
        if (Text?.Length > SearchQuery.MaxLength)
        {
            Problems.Add($"The search text is longer than {SearchQuery.MaxLength} characters.");
        }
        var cwe = ParseCwe(Cwe);
        return Problems.Count > 0
            ? null
            : new AdvisorySearch(Text, Ecosystem, Package, severity, from, to, sort, page, PageSize, cwe);
    }

    /// <summary>A CWE id as <c>CWE-1321</c>, <c>cwe-1321</c> or <c>1321</c>; written back as <c>CWE-1321</c>.</summary>
    private string? ParseCwe(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var trimmed = value.Trim();
        var id = "CWE-" + (trimmed.StartsWith("CWE-", StringComparison.OrdinalIgnoreCase) ? trimmed[4..] : trimmed);
        if (CweIds.IsValid(id) && id.Length <= 12)
        {
            return id;
        }
        Problems.Add($"Weakness '{value}' is not a CWE id (CWE- and a number, e.g. CWE-1321).");
        return null;
    }

    private DateOnly? ParseDate(string? value, string label)
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
        Problems.Add($"{label} date '{value}' is not a date in the form YYYY-MM-DD.");
        return null;
    }
}
