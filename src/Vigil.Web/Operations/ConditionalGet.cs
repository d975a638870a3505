using Microsoft.Net.Http.Headers;

namespace Vigil.Web.Operations;

/// <summary>
/// Conditional GETs (RFC 9110 § 13): sets the validators on the response and says whether the client's copy is
/// still current. If-None-Match wins over If-Modified-Since, and compares weakly (§ 13.1.2).
/// </summary>
public static class ConditionalGet
{
    /// <returns>true when the answer is 304 Not Modified.</returns>
    public static bool IsNotModified(HttpContext context, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        // HTTP dates have whole seconds.
        var modified = new DateTimeOffset(
            lastModified.UtcTicks - lastModified.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var response = context.Response.GetTypedHeaders();
        response.ETag = etag;
        response.LastModified = modified;
        var request = context.Request.GetTypedHeaders();
        if (request.IfNoneMatch is { Count: > 0 } tags)
        {
            return tags.Any(tag =>
                tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
        }
        return request.IfModifiedSince is { } since && modified <= since;
    }
}
