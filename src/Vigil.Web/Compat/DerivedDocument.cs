using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Vigil.Web.Compat;

/// <summary>
/// A JSON document derived from the advisories, ready to serve: the UTF-8 body, a strong ETag (SHA-256
/// of the body, so equal content means equal tag on every instance) and Last-Modified.
/// </summary>
public sealed record DerivedDocument(byte[] Body, EntityTagHeaderValue ETag, DateTimeOffset? LastModified)
{
    public const string JsonType = "application/json; charset=utf-8";

    public static DerivedDocument Of(byte[] body, DateTimeOffset? lastModified) =>
        new(body, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\""),
            lastModified);

    public static DerivedDocument Of(string text, DateTimeOffset? lastModified) =>
        Of(Encoding.UTF8.GetBytes(text), lastModified);

    /// <summary>
    /// 200 with the body, or 304 for a matching If-None-Match / If-Modified-Since (FileContentHttpResult
    /// evaluates them). <c>no-cache</c>: caches may keep it but revalidate each time, which costs a 304.
    /// </summary>
    public FileContentHttpResult ToResult(HttpResponse response)
    {
        response.Headers.CacheControl = "public, no-cache";
        return TypedResults.Bytes(Body, JsonType, lastModified: LastModified, entityTag: ETag);
    }
}
