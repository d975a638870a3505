using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

internal static class TeamDecision
{
    /// <summary>The team acts, and the four-eyes rule holds: a recused member is refused with a message saying
    /// why.</summary>
    public static void Require(ReportAccessResult access, long reportId)
    {
        if (!access.IsTeam)
        {
            // A participant who is not on the team may see the report but not decide: 404 would lie, so 409 with the
            // reason.
            throw new ConflictException($"Only the program's team can do this on report #{reportId}.");
        }
        if (access.Recused)
        {
            throw new ConflictException(
                $"You are recused from report #{reportId}: you filed or reported it, or you maintain an affected "
                + "package (four-eyes rule).");
        }
    }
}
