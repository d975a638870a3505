using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Core.Advisories;

/// <summary>
/// The OSV documents of many advisories in one round trip (plain SQL, ids in one parameter), for
/// reports that show details of every finding: one query per finding cost an audit seconds.
/// </summary>
public sealed class GetAdvisoryDocuments(VigilDbContext db)
{
    public async Task<Dictionary<string, OsvVulnerability>> ExecuteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        var documents = new Dictionary<string, OsvVulnerability>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return documents;
        }
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT \"Id\", \"Document\" FROM advisories WHERE \"Id\" "
                + (sqlite ? "IN (SELECT value FROM json_each(@ids))" : "= ANY(@ids)");
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@ids";
            parameter.Value = sqlite ? System.Text.Json.JsonSerializer.Serialize(ids) : ids.ToArray();
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                documents[reader.GetString(0)] = OsvJson.Deserialize(reader.GetString(1));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return documents;
    }
}
