using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Publication;

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

    /// <param name="fixedVersions">
    /// The first patched version per affected package name (several, comma-separated, for several release
    /// lines); every package needs one, above the reported versions and inside none of them.
    /// </param>
    /// <param name="confirmNarrowerRange">
    /// The team confirms that fixes inside the reported range are right: the reported range is narrowed to
    /// end before them, and the change is recorded on the timeline. A maintainer cannot confirm it.
    /// </param>
    public async Task MarkFixedAsync(long id, Actor actor, IReadOnlyDictionary<string, string> fixedVersions,
        CancellationToken cancellationToken = default, bool confirmNarrowerRange = false)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        RequireTeamOrMaintainer(access, id);
        var errors = new Dictionary<string, string[]>();
        var narrowings = new List<(ReportPackageEntity Package, string Range)>();
        foreach (var package in report.Packages)
        {
            var field = $"fixedVersions[{package.Name}]";
            if (!fixedVersions.TryGetValue(package.Name, out var given) || string.IsNullOrWhiteSpace(given))
            {
                errors[field] = [$"give the first patched version of {package.Ecosystem}/{package.Name}."];
            }
            else if (given.Trim().Length > ReportFixes.MaxLength)
            {
                errors[field] = [$"at most {ReportFixes.MaxLength} characters."];
            }
            else if (ReportFixes.Check(
                package, ReportFixes.Split(given), confirmNarrowerRange, field, errors, out var narrowed)
                && narrowed is not null)
            {
                narrowings.Add((package, EcosystemVersions.For(package.Ecosystem)!.FormatRange(narrowed)));
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
        if (narrowings.Count > 0)
        {
            // Narrowing what was reported is the team's decision alone (four-eyes and a two-factor session).
            TeamDecision.Require(access, id);
        }
        var now = time.GetUtcNow();
        foreach (var (package, range) in narrowings)
        {
            ReportTimeline.Add(db, report, actor, ReportEventKind.RangeNarrowed, now, EventVisibility.Participants,
                $"{package.Ecosystem}/{package.Name}: affected range narrowed from {package.AffectedVersions} to "
                + $"{range}, confirmed by the team");
            package.AffectedVersions = range;
        }
        foreach (var package in report.Packages)
        {
            package.FixedVersion = ReportFixes.Join(ReportFixes.Split(fixedVersions[package.Name]));
        }
        ReportTimeline.Move(db, report, actor, ReportState.Fixed, now,
            detail: string.Join(", ", report.Packages.Select(p => $"{p.Name}@{p.FixedVersion}")));
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
