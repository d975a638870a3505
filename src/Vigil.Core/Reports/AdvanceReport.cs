using Vigil.Core.Data;
using Vigil.Core.Errors;
using NuGet.Versioning;
using Vigil.Versioning.Npm;

namespace Vigil.Core.Reports;

/// <summary>
/// The embargo's steps after acceptance (docs/disclosure.md, states): maintainers notified → fix in progress →
/// fixed with the patched versions. The team moves a report on; an invited maintainer may also start the
/// fix and declare it fixed.
/// </summary>
public sealed class AdvanceReport(VigilDbContext db, TimeProvider time)
{
    public async Task StartFixAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        RequireTeamOrMaintainer(access, id);
        ReportTimeline.Move(db, report, actor, ReportState.FixInProgress, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <param name="fixedVersions">The first patched version per affected package name; every package needs one.</param>
    public async Task MarkFixedAsync(long id, Actor actor, IReadOnlyDictionary<string, string> fixedVersions, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        RequireTeamOrMaintainer(access, id);
        var errors = new Dictionary<string, string[]>();
        foreach (var package in report.Packages)
        {
            var field = $"fixedVersions[{package.Name}]";
            if (!fixedVersions.TryGetValue(package.Name, out var version) || string.IsNullOrWhiteSpace(version))
            {
                errors[field] = [$"give the first patched version of {package.Ecosystem}/{package.Name}."];
            }
            else if (package.Ecosystem == "npm" ? !NpmVersion.TryParse(version.Trim(), default, out _) : !NuGetVersion.TryParse(version.Trim(), out _))
            {
                errors[field] = [$"'{version}' is not a {package.Ecosystem} version."];
            }
        }
        foreach (var name in fixedVersions.Keys.Where(n => report.Packages.All(p => p.Name != n)))
        {
            errors[$"fixedVersions[{name}]"] = [$"report #{id} does not name a package '{name}'."];
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException("The patched versions are incomplete or invalid.", errors);
        }
        ReportTimeline.Move(db, report, actor, ReportState.Fixed, time.GetUtcNow(),
            detail: string.Join(", ", report.Packages.Select(p => $"{p.Name}@{fixedVersions[p.Name].Trim()}")));
        foreach (var package in report.Packages)
        {
            package.FixedVersion = fixedVersions[package.Name].Trim();
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void RequireTeamOrMaintainer(ReportAccessResult access, long id)
    {
        if (access.Role == ReportRole.Maintainer)
        {
            return;
        }
        TeamDecision.Require(access, id);
    }
}
