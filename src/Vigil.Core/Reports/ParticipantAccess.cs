using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>
/// Who sees and manages a report's participants: the program's team (with a second factor, as
/// <see cref="ReportAccess"/> decides). Anyone else, a participant included, gets 404: the list names people.
/// Removing someone or revoking an invitation is a team decision, so it also passes <see cref="TeamDecision"/>.
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
