using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Publication;

namespace Vigil.Core.Reports;

/// <summary>The group a new report joins at intake: its first report and why.</summary>
public sealed record DuplicateGroupMatch(long GroupId, string Reason);

/// <summary>
/// Possible duplicates found at intake, before anyone reads the report: an open or published report of the same program
/// that names the same package (ecosystem and name) with an affected range overlapping the new one. The new report
/// joins that report's group (the group is named by its first report); of several, the oldest group. Ranges are
/// compared as version intervals in the ecosystem's order; where the ecosystem's ranges cannot be read, only the same
/// range text counts.
/// </summary>
internal static class DuplicateGroups
{
    private const int MaxCandidates = 200;

    public static async Task<DuplicateGroupMatch?> FindAsync(
        VigilDbContext db, long programId, IReadOnlyList<ReportPackageInput> packages,
        CancellationToken cancellationToken)
    {
        DuplicateGroupMatch? best = null;
        foreach (var package in packages)
        {
            var name = package.Name.Trim();
            var candidates = await db.ReportPackages.AsNoTracking()
                .Where(p => p.Ecosystem == package.Ecosystem && p.Name == name)
                .Join(db.Reports.AsNoTracking().Where(r => r.ProgramId == programId
                        && (ReportStates.Open.Contains(r.State) || r.State == ReportState.Published)),
                    p => p.ReportId, r => r.Id, (p, r) => new { r.Id, r.DuplicateGroupId, p.AffectedVersions })
                .OrderBy(c => c.Id)
                .Take(MaxCandidates)
                .ToListAsync(cancellationToken);
            foreach (var candidate in candidates)
            {
                var group = candidate.DuplicateGroupId ?? candidate.Id;
                if (best is not null && best.GroupId <= group)
                {
                    continue;
                }
                if (Overlap(package.Ecosystem, package.AffectedVersions.Trim(), candidate.AffectedVersions))
                {
                    best = new DuplicateGroupMatch(group,
                        $"{package.Ecosystem}/{name}: {package.AffectedVersions.Trim()} overlaps "
                        + $"{candidate.AffectedVersions} of #{candidate.Id}");
                }
            }
        }
        return best;
    }

    /// <summary>The group <paramref name="report"/> belongs to (as its first report or a member); null when it has
    /// none.</summary>
    public static async Task<DuplicateGroupView?> ViewAsync(
        VigilDbContext db, ReportEntity report, CancellationToken cancellationToken)
    {
        var groupId = report.DuplicateGroupId ?? report.Id;
        var members = await db.Reports.AsNoTracking()
            .Where(r => r.ProgramId == report.ProgramId && (r.Id == groupId || r.DuplicateGroupId == groupId))
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.State, r.DuplicateGroupReason, r.DuplicateOfId })
            .ToListAsync(cancellationToken);
        return members.Count < 2
            ? null
            : new DuplicateGroupView(groupId, members.Select(
                m => new DuplicateGroupMember(m.Id, m.State.Name(), m.DuplicateGroupReason, m.DuplicateOfId)).ToList());
    }

    public static bool Overlap(string ecosystem, string range, string other)
    {
        if (string.Equals(range, other, StringComparison.Ordinal))
        {
            return true;
        }
        if (EcosystemVersions.For(ecosystem) is not { } versions
            || versions.ParseRange(range) is not { } mine || versions.ParseRange(other) is not { } theirs)
        {
            return false;
        }
        return mine.Any(a => theirs.Any(b => Below(versions, a.Lower, b.Upper) && Below(versions, b.Lower, a.Upper)));
    }

    /// <summary>Whether some version lies at or above <paramref name="lower"/> and at or below
    /// <paramref name="upper"/>.</summary>
    private static bool Below(EcosystemVersions versions, VersionBound? lower, VersionBound? upper)
    {
        if (lower is null || upper is null)
        {
            return true;
        }
        var order = versions.Compare(lower.Version, upper.Version);
        return order < 0 || order == 0 && lower.Inclusive && upper.Inclusive;
    }
}
