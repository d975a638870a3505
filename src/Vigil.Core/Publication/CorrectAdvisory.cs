using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Publication;

/// <summary>A package of a correction: its affected range as it should have been reported, and its fixed versions
/// (comma-separated; none: no fix yet).</summary>
public sealed record CorrectedPackage(
    string Ecosystem, string Name, string AffectedVersions, string? FixedVersions = null);

/// <summary>
/// What a correction changes; a null field stays as published. <see cref="Packages"/> replaces the whole
/// list. <see cref="Reason"/> is published with the revision.
/// </summary>
public sealed record AdvisoryCorrection(
    string Reason,
    IReadOnlyList<CorrectedPackage>? Packages = null,
    string? CvssVector = null,
    IReadOnlyList<DraftReference>? References = null,
    IReadOnlyList<DraftCredit>? Credits = null,
    string? Summary = null,
    string? Details = null,
    bool ConfirmNarrowerRange = false);

/// <summary>The advisory after a correction: its new revision number and what changed.</summary>
public sealed record CorrectedAdvisory(string Id, int Revision, DateTimeOffset Modified, string Changes);

/// <summary>
/// The team corrects an advisory its program published (docs/publication.md, "Corrections"): ranges,
/// fixed versions, severity, references, credits, summary or details. The document is built again by the
/// publication path, with the same id and <c>published</c> and a new <c>modified</c>, so every API, feed
/// and export carries the new revision on its next read. The earlier document is kept, the change is on
/// the report's timeline, and the reason is public. Like a fix, a correction never leaves out a version the
/// report named unless the team confirms the narrower range. A change of credits also changes which
/// accounts' profiles list the advisory.
/// </summary>
public sealed class CorrectAdvisory(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public const int MaxReason = 1000;

    public async Task<CorrectedAdvisory> ExecuteAsync(
        string advisoryId, Actor actor, AdvisoryCorrection correction, CancellationToken cancellationToken = default)
    {
        var reportId = await db.Reports.AsNoTracking()
            .Where(r => r.AdvisoryId == advisoryId)
            .Select(r => (long?)r.Id)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No advisory {advisoryId} published by a program of this instance.");
        ReportEntity report;
        try
        {
            (report, var access) = await ReportAccess.LoadAsync(db, reportId, actor, cancellationToken);
            TeamDecision.Require(access, reportId);
        }
        catch (NotFoundException)
        {
            throw new NotFoundException($"No advisory {advisoryId} published by a program of this instance.");
        }
        var advisory = await db.Advisories.WithRows().SingleAsync(a => a.Id == advisoryId, cancellationToken);
        var before = OsvJson.Deserialize(advisory.Document);

        var errors = new Dictionary<string, string[]>();
        var reason = correction.Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > MaxReason)
        {
            errors["reason"] = [
                $"say why the advisory is corrected (1–{MaxReason} characters; it is published with the revision)."];
        }
        var narrowed = correction.Packages is { } packages
            ? ApplyPackages(report, packages, correction.ConfirmNarrowerRange, errors)
            : [];
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(
                $"The correction is invalid: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}"))}",
                errors);
        }
        if (narrowed.Count > 0 && !correction.ConfirmNarrowerRange)
        {
            throw new ValidationFailedException(
                "The correction narrows what was reported.", new Dictionary<string, string[]>
                {
                    ["packages"] = [string.Join("; ", narrowed)],
                });
        }

        var draft = new AdvisoryDraft(
            correction.Summary ?? before.Summary ?? "",
            correction.Details ?? before.Details ?? "",
            report.Packages.OrderBy(p => p.Id).Select(ReportFixes.Draft).ToList(),
            CvssVector: correction.CvssVector is { } vector
                ? (vector.Trim().Length == 0 ? null : vector.Trim())
                : before.Severity?.FirstOrDefault()?.Score,
            Cwes: before.DatabaseSpecific?["cwe_ids"]?.AsArray().Select(c => c!.GetValue<string>()).ToList(),
            References: correction.References
                ?? before.References?.Select(r => new DraftReference(r.Type, r.Url)).ToList(),
            Credits: correction.Credits
                ?? before.Credits?.Select(c => new DraftCredit(c.Name, c.Type ?? "OTHER", c.Contact)).ToList(),
            Aliases: before.Aliases);
        DraftValidation.Check(draft, DraftOrigin.Report);

        var now = time.GetUtcNow();
        var modified = now > before.Modified ? now : before.Modified.AddSeconds(1);
        var after = DraftToOsv.Build(draft, advisory.Id, before.Published ?? modified, modified);
        var changes = RevisionChanges.Describe(before, after);
        if (changes.Length == 0)
        {
            throw new ValidationFailedException("The correction changes nothing.", new Dictionary<string, string[]>
            {
                ["correction"] = ["nothing differs from the published advisory."],
            });
        }
        var revision = 1 + await db.AdvisoryRevisions.CountAsync(
            r => r.AdvisoryNumber == advisory.Number, cancellationToken) + 1;
        db.AdvisoryRevisions.Add(new AdvisoryRevisionEntity
        {
            AdvisoryNumber = advisory.Number,
            Revision = revision,
            At = modified,
            ActorUserId = actor.Kind == ActorKind.User ? actor.UserId : null,
            Reason = reason,
            Changes = changes.Length > 4000 ? changes[..4000] : changes,
            PreviousDocument = advisory.Document,
        });
        if (correction.CvssVector is not null)
        {
            report.CvssVector = draft.CvssVector;
            report.CvssScore = draft.CvssVector is { } corrected && Cvss.Cvss.TryParse(corrected, out var parsed, out _)
                ? parsed.BaseScore
                : null;
        }
        var document = OsvJson.Serialize(after);
        AdvisoryRows.Apply(advisory, after, document);
        foreach (var line in narrowed)
        {
            ReportTimeline.Add(
                db, report, actor, ReportEventKind.RangeNarrowed, now, EventVisibility.Participants,
                line + ", confirmed by the team");
        }
        ReportTimeline.Add(db, report, actor, ReportEventKind.AdvisoryCorrected, now, EventVisibility.Participants,
            $"{advisory.Id} revision {revision}: {changes}. Reason: {reason}");
        if (correction.Credits is not null)
        {
            var content = ReportContent.Open(vault.Unwrap(report.WrappedKey), report.SealedContent);
            await Profiles.CreditIndex.ReconcileAsync(
                db, report, content, advisory.Id, draft.Credits ?? [], modified, cancellationToken);
        }
        report.Revision++;
        await db.SaveChangesAsync(cancellationToken);
        return new CorrectedAdvisory(advisory.Id, revision, modified, changes);
    }

    /// <summary>Replaces the report's packages with the corrected ones; returns a line per narrowing of what was
    /// reported.</summary>
    private List<string> ApplyPackages(
        ReportEntity report,
        IReadOnlyList<CorrectedPackage> packages,
        bool confirm,
        Dictionary<string, string[]> errors)
    {
        var narrowed = new List<string>();
        if (packages.Count is 0 or > ReportInputValidation.MaxPackages)
        {
            errors["packages"] = [$"give 1–{ReportInputValidation.MaxPackages} packages."];
            return narrowed;
        }
        var kept = new List<ReportPackageEntity>();
        for (var i = 0; i < packages.Count; i++)
        {
            var given = packages[i];
            var path = $"packages[{i}]";
            if (EcosystemVersions.For(given.Ecosystem) is not { } versions)
            {
                errors[$"{path}.ecosystem"] = [
                    $"'{given.Ecosystem}' is not an ecosystem Vigil publishes to (npm, NuGet)."];
                continue;
            }
            var name = given.Name?.Trim() ?? "";
            var range = given.AffectedVersions?.Trim() ?? "";
            if (name.Length is 0 or > 214)
            {
                errors[$"{path}.name"] = ["a package name of 1–214 characters is required."];
                continue;
            }
            if (range.Length is 0 or > 500 || versions.ParseRange(range) is not { Count: > 0 } corrected)
            {
                errors[$"{path}.affectedVersions"] = [
                    $"'{range}' is not a {given.Ecosystem} range that names a version."];
                continue;
            }
            if (given.FixedVersions?.Trim().Length > ReportFixes.MaxLength)
            {
                errors[$"{path}.fixedVersions"] = [$"at most {ReportFixes.MaxLength} characters."];
                continue;
            }
            var existing = report.Packages.FirstOrDefault(p => p.Ecosystem == given.Ecosystem && p.Name == name);
            if (existing is not null && !Covers(versions, corrected, ReportFixes.Reported(existing)))
            {
                narrowed.Add(
                    $"{given.Ecosystem}/{name}: affected range narrowed from {existing.AffectedVersions} to {range}");
            }
            var package = existing
                ?? new ReportPackageEntity { Ecosystem = given.Ecosystem, Name = name, AffectedVersions = range };
            package.AffectedVersions = range;
            var fixes = ReportFixes.Split(given.FixedVersions);
            if (ReportFixes.Check(package, fixes, confirm, $"{path}.fixedVersions", errors, out var cut)
                && cut is not null)
            {
                narrowed.Add(
                    $"{given.Ecosystem}/{name}: affected range narrowed from {range} to {versions.FormatRange(cut)}");
                package.AffectedVersions = versions.FormatRange(cut);
            }
            package.FixedVersion = fixes.Count == 0 ? null : ReportFixes.Join(fixes);
            kept.Add(package);
        }
        foreach (var removed in report.Packages.Where(p => !kept.Contains(p)).ToList())
        {
            narrowed.Add($"{removed.Ecosystem}/{removed.Name}: removed from the advisory");
            report.Packages.Remove(removed);
            db.ReportPackages.Remove(removed);
        }
        foreach (var added in kept.Where(p => p.Id == 0 && !report.Packages.Contains(p)))
        {
            report.Packages.Add(added);
        }
        return narrowed;
    }

    /// <summary>Whether every version of <paramref name="old"/> lies in <paramref name="corrected"/> (both sorted and
    /// disjoint).</summary>
    private static bool Covers(
        EcosystemVersions versions, IReadOnlyList<VersionInterval> corrected, IReadOnlyList<VersionInterval> old) =>
        old.All(o => corrected.Any(
            c => LowerWithin(versions, c.Lower, o.Lower) && UpperWithin(versions, c.Upper, o.Upper)));

    private static bool LowerWithin(EcosystemVersions versions, VersionBound? outer, VersionBound? inner) =>
        outer is null
            || inner is not null && versions.Compare(outer.Version, inner.Version) is var order
                && (order < 0 || order == 0 && (outer.Inclusive || !inner.Inclusive));

    private static bool UpperWithin(EcosystemVersions versions, VersionBound? outer, VersionBound? inner) =>
        outer is null
            || inner is not null && versions.Compare(outer.Version, inner.Version) is var order
                && (order > 0 || order == 0 && (outer.Inclusive || !inner.Inclusive));
}
