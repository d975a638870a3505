using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Profiles;

/// <summary>At publication, records which accounts the new advisory credits (what reporter profiles list).</summary>
internal static class CreditIndex
{
    public static void Add(VigilDbContext db, ReportEntity report, ReportContent content, string advisoryId, DateTimeOffset at)
    {
        var rows = new List<(Guid User, string Type, bool Anonymous)>();
        if (report.ReporterUserId is { } reporter && !string.IsNullOrWhiteSpace(content.CreditName) && !content.FinderCreditDeclined)
        {
            rows.Add((reporter, "FINDER", content.FinderCreditAnonymous));
        }
        rows.AddRange(content.Credits.Where(c => c.UserId is not null && !c.Declined).Select(c => (c.UserId!.Value, c.Type, c.Anonymous)));
        foreach (var row in rows.DistinctBy(r => (r.User, r.Type)))
        {
            db.CreditedAdvisories.Add(new CreditedAdvisoryEntity
            {
                UserId = row.User,
                AdvisoryId = advisoryId,
                ProgramId = report.ProgramId,
                ReportId = report.Id,
                Type = row.Type,
                Anonymous = row.Anonymous,
                CreditedAt = at,
            });
        }
    }
}
