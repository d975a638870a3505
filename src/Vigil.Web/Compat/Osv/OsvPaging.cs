using Vigil.Core.Matching;

namespace Vigil.Web.Compat.Osv;

/// <summary>
/// osv.dev's paging (POST /v1/query; docs/api.md): a page ends after a fixed number of vulnerabilities,
/// then <c>next_page_token</c> is set and the client repeats the same query with <c>page_token</c>.
/// </summary>
internal static class OsvPaging
{
    public sealed record Page(IReadOnlyList<AffectingMatch> Vulns, string? NextPageToken);

    private static readonly Page Empty = new([], null);

    /// <param name="matches">One query's matches, ordered by id then affected index (QueryAffecting's order), so
    /// the entries of one advisory are adjacent: a page keeps the first of them. A plain loop, no LINQ: a
    /// 1,000-query batch pages every query (docs/performance.md, benchmark c).</param>
    public static Page Take(PackageQuery query, IReadOnlyList<AffectingMatch> matches, string? afterId, int size,
        OsvPageTokens tokens)
    {
        if (matches.Count == 0)
        {
            return Empty;
        }
        var page = new List<AffectingMatch>(Math.Min(matches.Count, size + 1));
        AffectingMatch? previous = null;
        foreach (var match in matches)
        {
            if (previous is not null && previous.AdvisoryNumber == match.AdvisoryNumber)
            {
                continue;
            }
            previous = match;
            if (afterId is not null && string.CompareOrdinal(match.Id, afterId) <= 0)
            {
                continue;
            }
            if (page.Count == size)
            {
                return new Page(page, tokens.Create(query, page[^1].Id));
            }
            page.Add(match);
        }
        return new Page(page, null);
    }

    /// <summary>
    /// The id to continue after; an empty token is the first page. Error message as osv.dev's API would put it.
    /// </summary>
    public static bool TryStart(OsvQueryRequest? request, PackageQuery query, OsvPageTokens tokens, out string? afterId)
    {
        afterId = null;
        if (string.IsNullOrEmpty(request?.PageToken))
        {
            return true;
        }
        if (!tokens.TryRead(request.PageToken, query, out var lastId))
        {
            return false;
        }
        afterId = lastId;
        return true;
    }

    public const string InvalidToken = "invalid page token";
}
