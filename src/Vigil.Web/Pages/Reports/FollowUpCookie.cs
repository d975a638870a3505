namespace Vigil.Web.Pages.Reports;

/// <summary>
/// The anonymous reporter's follow-up token, kept for the browser in a cookie scoped to that one report's
/// pages (HttpOnly, SameSite=Strict, Secure over https), so it never appears in a URL.
/// </summary>
internal static class FollowUpCookie
{
    public static string Name(long id) => $"vigil.followup.{id}";

    public static string? Read(HttpRequest request, long id) => request.Cookies[Name(id)];

    public static void Write(HttpResponse response, long id, string token, bool https) =>
        response.Cookies.Append(Name(id), token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = https,
            Path = $"/reports/{id}",
            MaxAge = TimeSpan.FromDays(365),
        });
}
