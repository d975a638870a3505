using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Audit;
using Vigil.Core.Data;

namespace Vigil.Core.Compat;

/// <summary>
/// The API's candidate read: the audit's query (<see cref="CandidateQuery"/>) plus <c>Modified</c>, which
/// <c>querybatch</c> returns, so a whole batch is one SQL round trip. Names travel in one parameter: a JSON
/// array on SQLite (<c>json_each</c>), a text[] on PostgreSQL. Withdrawn advisories never match, as in the audit.
/// </summary>
internal static class AffectingCandidates
{
    private const string Sql = """
        SELECT ap."AdvisoryNumber", ap."Index", ap."Ecosystem", ap."Name", ap."NpmRange", ap."FixedVersion",
               CASE WHEN ap."Ecosystem" = 'npm' THEN NULL ELSE ap."AffectedJson" END,
               a."Id", a."Severity", a."CvssScore", a."CvssVector", a."Summary", a."Modified"
        FROM affected_packages ap JOIN advisories a ON a."Number" = ap."AdvisoryNumber"
        WHERE a."Withdrawn" IS NULL AND ap."Name"
        """;

    public static async Task<List<(CandidateRow Row, DateTimeOffset Modified)>> ReadAsync(
        VigilDbContext db, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var sqlite = db.Database.IsSqlite();
        var rows = new List<(CandidateRow, DateTimeOffset)>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = Sql + (sqlite ? " IN (SELECT value FROM json_each(@names))" : " = ANY(@names)");
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@names";
            parameter.Value = sqlite ? JsonSerializer.Serialize(names) : names.ToArray();
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new CandidateRow(
                    reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                    Text(reader, 4), Text(reader, 5), Text(reader, 6), reader.GetString(7), (AdvisorySeverity)reader.GetInt32(8),
                    reader.IsDBNull(9) ? null : reader.GetDouble(9), Text(reader, 10), Text(reader, 11));
                rows.Add((row, Instant(reader.GetValue(12))));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return rows;
    }

    // SQLite stores instants as UTC ticks (UtcTicksConverter); PostgreSQL returns timestamptz as a UTC DateTime.
    private static DateTimeOffset Instant(object value) => value switch
    {
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        DateTimeOffset instant => instant.ToUniversalTime(),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException($"Unexpected Modified value of type {value.GetType()}."),
    };

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
