using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Cve;

/// <summary>
/// The rule (docs/disclosure.md, CVE ids): "Every vulnerability published through the process gets a CVE id (requested
/// from a CNA, or taken from a block of ids reserved by the program's CNA)". The team records a request, reserves the
/// next free id of the program's block, or records an id assigned elsewhere. An id belongs to one report (a unique
/// index backs this up when two reservations race).
/// </summary>
public sealed class AssignCve(VigilDbContext db, TimeProvider time)
{
    public async Task RequestAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, access) = await LoadAsync(id, actor, cancellationToken);
        if (report.CveState != CveState.None)
        {
            throw new ConflictException(
                $"Report #{id} already has a CVE {report.CveState.ToString().ToLowerInvariant()}"
                + $"{(report.CveId is null ? "" : $": {report.CveId}")}.");
        }
        report.CveState = CveState.Requested;
        await SaveAsync(report, actor, "CVE requested from a CNA", cancellationToken);
    }

    public async Task<string> ReserveFromBlockAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, _) = await LoadAsync(id, actor, cancellationToken);
        RequireNoId(report);
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == report.ProgramId, cancellationToken);
        var used = await db.Reports.AsNoTracking()
            .Where(r => r.CveId != null)
            .Select(r => r.CveId!)
            .ToListAsync(cancellationToken);
        var next = program.ReservedCveIds.FirstOrDefault(c => !used.Contains(c))
            ?? throw new ConflictException(
                $"The program '{program.Slug}' has no unused CVE id left in its reserved block.");
        report.CveId = next;
        report.CveState = CveState.Reserved;
        await SaveAsync(report, actor, $"{next} reserved from the program's block", cancellationToken);
        return next;
    }

    public async Task RecordAsync(long id, Actor actor, string cveId, CancellationToken cancellationToken = default)
    {
        if (!CveRecordRequest.IsCveId(cveId?.Trim()))
        {
            throw new ValidationFailedException($"'{cveId}' is not a CVE id.",
                new Dictionary<string, string[]> { ["cveId"] = ["CVE-YYYY-NNNN (4 to 19 digits)."] });
        }
        var (report, _) = await LoadAsync(id, actor, cancellationToken);
        RequireNoId(report);
        cveId = cveId!.Trim();
        if (await db.Reports.AnyAsync(r => r.CveId == cveId, cancellationToken)
            || await db.AdvisoryAliases.AnyAsync(a => a.Alias == cveId, cancellationToken))
        {
            throw new ConflictException($"{cveId} already belongs to another report or advisory.");
        }
        report.CveId = cveId;
        report.CveState = CveState.Reserved;
        await SaveAsync(report, actor, $"{cveId} assigned by a CNA", cancellationToken);
    }

    private async Task<(ReportEntity, ReportAccessResult)> LoadAsync(
        long id, Actor actor, CancellationToken cancellationToken)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        if (report.State is ReportState.Rejected or ReportState.Withdrawn)
        {
            throw new ConflictException($"Report #{id} is {report.State.Name()}; it gets no CVE id.");
        }
        return (report, access);
    }

    private static void RequireNoId(ReportEntity report)
    {
        if (report.CveId is not null)
        {
            throw new ConflictException($"Report #{report.Id} already has {report.CveId}.");
        }
    }

    private async Task SaveAsync(ReportEntity report, Actor actor, string detail, CancellationToken cancellationToken)
    {
        report.Revision++;
        ReportTimelineEvents.Add(db, report, actor, time.GetUtcNow(), detail, ReportEventKind.Cve);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException($"{report.CveId} was just taken by another report; try again.");
        }
    }
}
