using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Exports;
using Vigil.Core.Exports.NodejsWg;
using Vigil.Core.Imports.NodejsWg;

namespace Vigil.Core.Nswg;

/// <summary>
/// The Node.js core list as text, and the latest <c>modified</c> of the advisories in it (null when empty).
/// </summary>
public sealed record NodejsCoreListFile(string Json, int Entries, DateTimeOffset? Modified);

/// <summary>
/// The Node.js Security WG's core list (<c>vuln/core/index.json</c>), exactly what <c>vigil export nswg</c>
/// writes there: the runtime advisories (<c>database_specific.nodejs_runtime</c>, e.g. the imported
/// <c>NSWG-COR-n</c>), not withdrawn, keyed by WG number.
/// </summary>
public sealed class NodejsCoreList(VigilDbContext db)
{
    public async Task<NodejsCoreListFile> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        // A plain substring test narrows the read to documents that can be runtime advisories; NswgCoreIndex decides.
        var rows = await db.Advisories.AsNoTracking()
            .Where(a => a.Withdrawn == null && a.Document.Contains(NswgFormat.Runtime))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Number, a.Source, a.Severity, a.CvssScore, a.Modified, a.Document })
            .ToListAsync(cancellationToken);
        var index = new NswgCoreIndex();
        var problems = new List<ExportProblem>();
        DateTimeOffset? modified = null;
        foreach (var row in rows)
        {
            var advisory = new StoredAdvisory(
                row.Number, row.Source, row.Severity, row.CvssScore, OsvJson.Deserialize(row.Document));
            if (index.TryAdd(advisory, problems) && (modified is null || row.Modified > modified))
            {
                modified = row.Modified;
            }
        }
        return new NodejsCoreListFile(index.ToJson(), index.Count, modified);
    }
}
