using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Core.Advisories;

/// <summary>
/// The OSV documents of many advisories in one round trip (plain SQL, ids in one parameter), for
/// reports that show details of every finding: one query per finding cost an audit seconds.
/// </summary>
public sealed class GetAdvisoryDocuments(VigilDbContext db)
{
    public async Task<Dictionary<string, OsvVulnerability>> ExecuteAsync(
        IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        var documents = new Dictionary<string, OsvVulnerability>(StringComparer.Ordinal);
        if (ids.Count > 0)
        {
            await ValueListQuery.ReadAsync(db, "SELECT \"Id\", \"Document\" FROM advisories WHERE \"Id\"", ids,
                reader => documents[reader.GetString(0)] = OsvPurls.Read(reader.GetString(1)), cancellationToken);
        }
        return documents;
    }
}
