using System.Globalization;

namespace Vigil.Web.Operations;

/// <summary>
/// The <c>Retry-After</c> header of a 429, in whole seconds (rounded up, at least 1), for every limit the server
/// applies.
/// </summary>
internal static class RetryAfter
{
    public static void Set(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter =
            Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
