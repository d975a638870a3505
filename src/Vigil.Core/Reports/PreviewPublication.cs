using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Publication;

namespace Vigil.Core.Reports;

/// <summary>
/// What publishing a report would put into the public database, for the team to check before it confirms
/// (docs/disclosure.md, "Publishing"): the advisory exactly as <see cref="PublishReport"/> would build it, the id it
/// would most likely get, and what speaks against publishing now. <see cref="Revision"/> is the report's revision the
/// preview was made from: a confirmation carrying it publishes only if nothing changed since.
/// </summary>
/// <param name="ExpectedId">The next id under the program's prefix; another publication in between takes it
/// first.</param>
/// <param name="Advisory">The OSV record as it would be published (its id and dates are the preview's).</param>
/// <param name="BeforeDisclosure">The agreed disclosure date is still ahead.</param>
/// <param name="WithoutFix">The packages with no fixed version: their range stays open-ended.</param>
/// <remarks>
/// <see cref="WithoutCve"/>: no CVE id is recorded, while the process gives every vulnerability it publishes one
/// (docs/disclosure.md, "CVE ids"); one can still be added later by a correction.
/// </remarks>
public sealed record PublicationPreview(
    long ReportId,
    int Revision,
    string ExpectedId,
    OsvVulnerability Advisory,
    string? CveId,
    DateTimeOffset? DisclosureAt,
    DateTimeOffset? PublicationDueAt,
    bool BeforeDisclosure,
    IReadOnlyList<string> WithoutFix)
{
    public bool WithoutCve => CveId is null;

    /// <summary>Whether anything speaks against publishing now; the team then confirms that it publishes
    /// anyway.</summary>
    public bool HasWarnings => BeforeDisclosure || WithoutFix.Count > 0 || WithoutCve;

    /// <summary>What speaks against publishing now, in the words the page and the API both show.</summary>
    public IReadOnlyList<PublicationWarning> Warnings
    {
        get
        {
            var warnings = new List<PublicationWarning>();
            if (BeforeDisclosure && DisclosureAt is { } disclosure)
            {
                warnings.Add(new(PublicationWarning.BeforeDisclosure,
                    $"The disclosure date agreed with the maintainers is {Clock.DateWords.Moment(disclosure)}. "
                    + "Publishing now breaks that agreement."));
            }
            foreach (var package in WithoutFix)
            {
                warnings.Add(new(PublicationWarning.NoFix,
                    $"{package} has no fixed version: the published range is open-ended (every version is affected, "
                    + "as the process requires), with no upgrade to name.", package));
            }
            if (WithoutCve)
            {
                warnings.Add(new(PublicationWarning.NoCve,
                    "No CVE id is recorded. Every vulnerability the program publishes gets one: request or record it "
                    + "on the report first, or add it later with a correction."));
            }
            return warnings;
        }
    }
}

/// <summary>One point that speaks against publishing now: <see cref="Code"/> is one of <see cref="BeforeDisclosure"/>,
/// <see cref="NoFix"/> (with the <see cref="Package"/>) or <see cref="NoCve"/>.</summary>
public sealed record PublicationWarning(string Code, string Text, string? Package = null)
{
    public const string BeforeDisclosure = "before-disclosure";
    public const string NoFix = "no-fix";
    public const string NoCve = "no-cve";
}

/// <summary>Builds the <see cref="PublicationPreview"/> of a report the viewer's team may publish; changes
/// nothing.</summary>
public sealed class PreviewPublication(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public async Task<PublicationPreview> ExecuteAsync(
        long id, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        if (!ReportStates.CanMove(report.State, ReportState.Published))
        {
            throw new ConflictException(
                $"Report #{id} is {report.State.Name()}; it cannot be published from there.", report.State.Name());
        }
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == report.ProgramId, cancellationToken);
        var content = ReportContent.Open(vault.Unwrap(report.WrappedKey), report.SealedContent);
        var now = time.GetUtcNow();
        var expectedId = await AdvisoryIds.NextAsync(db, program.AdvisoryIdPrefix, now.Year, cancellationToken);
        var draft = ReportDrafts.From(report, content, report.CveId is { } cve ? [cve] : null);
        return new PublicationPreview(
            id,
            report.Revision,
            expectedId,
            DraftToOsv.Build(draft, expectedId, now, now),
            report.CveId,
            report.DisclosureAt,
            report.PublicationDueAt,
            report.DisclosureAt is { } disclosure && disclosure > now,
            report.Packages.OrderBy(p => p.Id)
                .Where(p => string.IsNullOrWhiteSpace(p.FixedVersion))
                .Select(p => $"{p.Ecosystem}/{p.Name}")
                .ToList());
    }
}
