using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Vex;

namespace Vigil.Core.Reports;

/// <param name="Url">The document's stable public path, <c>/vex/{id}.json</c>.</param>
public sealed record PublishedVex(long Id, string Url);

/// <summary>
/// The team publishes an accepted dispute as an OpenVEX document (docs/disclosure.md, "Disputes"), explicitly: never
/// by itself, and never while the vulnerability is under embargo. The report must be published (the advisory is
/// public) or closed as not affected, and named by a CVE id or its advisory id. The document holds only what the team
/// published: the vulnerability's id, the packages as package URLs, the justification and the impact statement the
/// team accepted — never the report's text. Once published it is served at <c>/vex/{id}.json</c> and does not change.
/// </summary>
public sealed class PublishVex(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    /// <param name="baseUrl">The site's public address, for the document's <c>@id</c> and the advisory's IRI.</param>
    public async Task<PublishedVex> ExecuteAsync(long id, long disputeId, Actor actor, string baseUrl,
        CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        var dispute = await db.ReportDisputes.SingleOrDefaultAsync(
                d => d.Id == disputeId && d.ReportId == id, cancellationToken)
            ?? throw new NotFoundException($"No dispute {disputeId} on report #{id}.");
        if (dispute.VexPublishedAt is not null)
        {
            throw new ConflictException(
                $"The dispute {disputeId} is published already at {ReportDisputes.VexPath(disputeId)}.",
                report.State.Name());
        }
        if (dispute.State != DisputeState.Accepted)
        {
            throw new ConflictException(
                $"Only an accepted dispute is published; the dispute {disputeId} is "
                + $"{dispute.State.ToString().ToLowerInvariant()}.", report.State.Name());
        }
        if (report.State is not (ReportState.Published or ReportState.NotAffected))
        {
            throw new ConflictException(
                $"Report #{id} is {report.State.Name()}: a VEX document names the vulnerability, which stays private "
                + "until the advisory is published.", report.State.Name());
        }
        var name = report.CveId ?? report.AdvisoryId
            ?? throw new ConflictException(
                $"Report #{id} has no CVE id or advisory id to name the vulnerability: record its CVE id first.",
                report.State.Name());
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == report.ProgramId, cancellationToken);
        var versions = ReportDisputes.ReadVersions(dispute.Versions);
        var products = report.Packages.OrderBy(p => p.Id)
            .Where(p => versions is null || versions.ContainsKey(p.Name))
            .Select(p => (p.Ecosystem, p.Name, versions?.GetValueOrDefault(p.Name) ?? (IReadOnlyList<string>)[]))
            .ToList();
        var root = baseUrl.TrimEnd('/');
        var now = time.GetUtcNow();
        var facts = new VexStatementFacts(
            name,
            report.AdvisoryId is { } advisory ? $"{root}/advisories/{Uri.EscapeDataString(advisory)}" : null,
            report.CveId is not null && report.AdvisoryId is { } alias ? [alias] : [],
            products, dispute.Justification,
            ReportVault.Open(vault.Unwrap(report.WrappedKey), dispute.SealedImpactStatement,
                ReportDisputes.StatementPurpose),
            now);
        dispute.VexDocument = OpenVexDocument.Build($"{root}{ReportDisputes.VexPath(disputeId)}", program.Name, facts);
        dispute.VexPublishedAt = now;
        report.Revision++;
        ReportTimeline.Add(db, report, actor, ReportEventKind.VexPublished, now, EventVisibility.Participants,
            $"dispute {disputeId} published as {ReportDisputes.VexPath(disputeId)}");
        await db.SaveChangesAsync(cancellationToken);
        return new PublishedVex(disputeId, ReportDisputes.VexPath(disputeId));
    }
}
