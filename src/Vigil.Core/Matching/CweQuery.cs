using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Matching;

/// <summary>
/// The CWE ids (<c>database_specific.cwe_ids</c>) of some advisories, extracted by the database's own
/// JSON functions: npm's bulk answer needs only this list, not the whole OSV document.
/// </summary>
internal static class CweQuery
{
    private const string Sqlite =
        """SELECT "Number", CASE WHEN json_type("Document", '$.database_specific.cwe_ids') = 'array' """
        + """THEN json_extract("Document", '$.database_specific.cwe_ids') END FROM advisories WHERE "Number" """;
    private const string Postgres =
        """SELECT "Number", CASE WHEN jsonb_typeof("Document"::jsonb #> '{database_specific,cwe_ids}') = 'array' """
        + """THEN ("Document"::jsonb #> '{database_specific,cwe_ids}')::text END FROM advisories WHERE "Number" """;

    public static async Task<List<(long Number, IReadOnlyList<string> Ids)>> ReadAsync(
        VigilDbContext db, IReadOnlyList<long> numbers, CancellationToken cancellationToken)
    {
        var result = new List<(long, IReadOnlyList<string>)>(numbers.Count);
        await ValueListQuery.ReadAsync(db, db.Database.IsSqlite() ? Sqlite : Postgres, numbers,
            reader => result.Add((reader.GetInt64(0), reader.IsDBNull(1) ? [] : Parse(reader.GetString(1)))),
                cancellationToken);
        return result;
    }

    private static IReadOnlyList<string> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String)
            .Select(e => e.GetString()!).ToList();
    }
}
