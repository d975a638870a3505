using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Core.Advisories;

/// <summary>
/// Indexes, for the search, the advisories stored before it existed (their <c>SearchKeywords</c> is null):
/// details, keywords and CWE rows from each OSV document, in batches of one transaction each. Runs after
/// the migrations are applied (<see cref="VigilDatabase.OpenAndMigrateAsync"/>); an advisory it did not
/// reach is indexed by the next write of it, a re-import included (<see cref="UpsertAdvisories"/>).
/// </summary>
internal static class AdvisorySearchBackfill
{
    private const int BatchSize = 500;

    public static async Task<int> RunAsync(VigilDbContext db, CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            var batch = await db.Advisories.Include(a => a.Cwes).Where(a => a.SearchKeywords == null)
                .OrderBy(a => a.Number).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return done;
            }
            foreach (var advisory in batch)
            {
                OsvVulnerability vulnerability;
                try
                {
                    vulnerability = OsvJson.Deserialize(advisory.Document);
                }
                catch (System.Text.Json.JsonException)
                {
                    advisory.SearchKeywords = "";
                    continue;
                }
                var cwes = AdvisorySearchText.CweIdsOf(vulnerability);
                db.AdvisoryCwes.RemoveRange(advisory.Cwes);
                advisory.Cwes = cwes.Select(id => new AdvisoryCweEntity { CweId = id }).ToList();
                advisory.Details = vulnerability.Details;
                advisory.SearchKeywords = AdvisorySearchText.Keywords(vulnerability, cwes);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += batch.Count;
        }
    }
}
