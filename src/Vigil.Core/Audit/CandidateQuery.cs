using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;

namespace Vigil.Core.Audit;

/// <summary>
/// The audit's two reads, in plain SQL: the command line runs them once per process, where compiling
/// the equivalent LINQ costs more than the 2,000-name lookup itself (see docs/performance.md).
/// The name list is one parameter: a JSON array on SQLite (<c>json_each</c>), a text[] on PostgreSQL.
/// </summary>
internal static class CandidateQuery
{
    private const string Columns = """
        SELECT ap."AdvisoryNumber", ap."Index", ap."Ecosystem", ap."Name", ap."NpmRange", ap."FixedVersion",
               CASE WHEN ap."Ecosystem" = 'npm' THEN NULL ELSE ap."AffectedJson" END,
               a."Id", a."Severity", a."CvssScore", a."CvssVector", a."Summary"
        FROM affected_packages ap JOIN advisories a ON a."Number" = ap."AdvisoryNumber"
        WHERE a."Withdrawn" IS NULL AND ap."Name"
        """;

    public static async Task<List<CandidateRow>> CandidatesAsync(VigilDbContext db, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var rows = new List<CandidateRow>();
        await ReadAsync(db, $"{Columns} {NameFilter(db)}", names, reader => rows.Add(new CandidateRow(
            reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
            NullableString(reader, 4), NullableString(reader, 5), NullableString(reader, 6),
            reader.GetString(7), (AdvisorySeverity)reader.GetInt32(8),
            reader.IsDBNull(9) ? null : reader.GetDouble(9), NullableString(reader, 10), NullableString(reader, 11))), cancellationToken);
        return rows;
    }

    public static async Task<Dictionary<long, List<string>>> AliasesAsync(VigilDbContext db, IReadOnlyList<long> numbers, CancellationToken cancellationToken)
    {
        var aliases = new Dictionary<long, List<string>>();
        var filter = db.Database.IsSqlite() ? "IN (SELECT value FROM json_each(@values))" : "= ANY(@values)";
        await ReadAsync(db, $"SELECT \"AdvisoryNumber\", \"Alias\" FROM advisory_aliases WHERE \"AdvisoryNumber\" {filter} ORDER BY \"Alias\"", numbers, reader =>
        {
            var number = reader.GetInt64(0);
            if (!aliases.TryGetValue(number, out var list))
            {
                aliases[number] = list = [];
            }
            list.Add(reader.GetString(1));
        }, cancellationToken);
        return aliases;
    }

    private static string NameFilter(VigilDbContext db) =>
        db.Database.IsSqlite() ? "IN (SELECT value FROM json_each(@values))" : "= ANY(@values)";

    private static async Task ReadAsync<T>(VigilDbContext db, string sql, IReadOnlyList<T> values, Action<DbDataReader> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@values";
            parameter.Value = db.Database.IsSqlite() ? JsonSerializer.Serialize(values) : values.ToArray();
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read(reader);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
