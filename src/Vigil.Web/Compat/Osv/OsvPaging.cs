using Vigil.Core.Compat;

namespace Vigil.Web.Compat.Osv;

/// <summary>
/// osv.dev's paging (shared/specs/osv.md § POST /v1/query): a page ends after a fixed number of vulnerabilities,
/// then <c>next_page_token</c> is set and the client repeats the same query with <c>page_token</c>.
/// </summary>
internal static class OsvPaging
{
    public sealed record Page(IReadOnlyList<AffectingMatch> Vulns, string? NextPageToken);

    /// <param name="matches">One query's matches, ordered by id (QueryAffecting's order).</param>
    public static Page Take(PackageQuery query, IReadOnlyList<AffectingMatch> matches, string? afterId, int size, OsvPageTokens tokens)
    {
        var remaining = matches
            .DistinctBy(m => m.AdvisoryNumber)
            .Where(m => afterId is null || string.CompareOrdinal(m.Id, afterId) > 0)
            .Take(size + 1)
            .ToList();
        if (remaining.Count <= size)
        {
            return new Page(remaining, null);
        }
        remaining.RemoveAt(size);
        return new Page(remaining, tokens.Create(query, remaining[^1].Id));
    }

    /// <summary>The id to continue after; an empty token is the first page. Error message as osv.dev's API would put it.</summary>
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
