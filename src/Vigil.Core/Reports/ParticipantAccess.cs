using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>
/// Who manages a report's participants: the program's team (with a second factor, as <see cref="ReportAccess"/>
/// decides); anyone else gets 404. Removing someone or revoking an invitation is a team decision, so it also passes
/// <see cref="TeamDecision"/>. (The report page shows every participant the list by part and date:
/// <see cref="ListParticipants"/>.)
/// </summary>
internal static class ParticipantAccess
{
    public static void RequireTeam(ReportAccessResult access, long reportId)
    {
        if (!access.IsTeam)
        {
            throw ReportAccess.NotFound(reportId);
        }
    }

    public static void RequireDecision(ReportAccessResult access, long reportId)
    {
        RequireTeam(access, reportId);
        TeamDecision.Require(access, reportId);
    }
}
