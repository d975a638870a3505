using Vigil.Core.Reports;
using Vigil.Web.Operations;

namespace Vigil.Web.Pages.Reports;

/// <summary>
/// Who is looking at a report's pages: the signed-in account, else the follow-up cookie for that report, else
/// anonymous.
/// </summary>
internal static class ReportPageActor
{
    public static Actor From(HttpContext context, long reportId) =>
        context.User.Identity?.IsAuthenticated == true ? ApiActor.From(context)
        : FollowUpCookie.Read(context.Request, reportId) is { } token ? Actor.FollowUp(token)
        : Actor.Anonymous;
}
