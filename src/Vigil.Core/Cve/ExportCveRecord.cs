using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Publication;
using Vigil.Core.Reports;

namespace Vigil.Core.Cve;

/// <summary>
/// The CVE JSON 5.1 submission body for a report's CVE id (docs/disclosure.md, CVE ids), for the team to submit to CVE
/// Services: from the published advisory, or before publication from the advisory the report would become.
/// </summary>
public sealed class ExportCveRecord(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public async Task<JsonObject> ExecuteAsync(
        long id, Actor actor, CveOptions options, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        if (!access.IsTeam)
        {
            throw new ConflictException($"Only the program's team exports the CVE record of report #{id}.");
        }
        if (report.CveId is not { } cveId)
        {
            throw new ConflictException(
                $"Report #{id} has no CVE id yet: reserve one from the program's block or record the one a CNA "
                + "assigned.");
        }
        if (options.AssignerOrgId is not { } org)
        {
            throw new ConflictException(
                $"Set {CveOptions.Section}:AssignerOrgId (the CNA's organisation UUID) to export CVE records.");
        }
        OsvVulnerability advisory;
        if (report.AdvisoryId is { } advisoryId)
        {
            var document = await db.Advisories.AsNoTracking()
                .Where(a => a.Id == advisoryId)
                .Select(a => a.Document)
                .SingleAsync(cancellationToken);
            advisory = OsvJson.Deserialize(document);
        }
        else
        {
            var content = ReportContent.Open(vault.Unwrap(report.WrappedKey), report.SealedContent);
            var now = time.GetUtcNow();
            advisory = DraftToOsv.Build(ReportDrafts.From(report, content, [cveId]), cveId, now, now);
        }
        return CveRecordWriter.SubmissionBody(
            advisory, new CveRecordRequest(cveId, org, options.AssignerShortName, options.CollectionUrls));
    }
}
