using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using static Vigil.Core.Data.ValueListQuery;

namespace Vigil.Core.Audit;

/// <summary>
/// The candidate rows for a set of package names, and their advisories' aliases, in plain SQL: the
/// command line runs them once per process, where compiling the equivalent LINQ costs more than the
/// 2,000-name lookup itself (see docs/performance.md). The audit (on a plain connection) and the
/// OSV/npm APIs (through their context) share them. Withdrawn advisories never match.
/// </summary>
internal static class CandidateQuery
{
    private const string AllCandidates = """
        SELECT ap."AdvisoryNumber", ap."Index", ap."Ecosystem", ap."Name", ap."NpmRange", ap."FixedVersion",
               CASE WHEN ap."Ecosystem" = 'npm' THEN NULL ELSE ap."AffectedJson" END,
               a."Id", a."Severity", a."CvssScore", a."CvssVector", a."Summary", a."Modified"
        FROM affected_packages ap JOIN advisories a ON a."Number" = ap."AdvisoryNumber"
        WHERE a."Withdrawn" IS NULL
        """;

    private const string Candidates = AllCandidates + " AND ap.\"Name\"";

    private const string Aliases = "SELECT \"AdvisoryNumber\", \"Alias\" FROM advisory_aliases WHERE \"AdvisoryNumber\"";

    public static async Task<List<CandidateRow>> CandidatesAsync(DbConnection connection, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var rows = new List<CandidateRow>();
        await ReadAsync(connection, Candidates, names, reader => rows.Add(Row(reader)), cancellationToken);
        return rows;
    }

    /// <summary>Every candidate row of the database, streamed (the server's <see cref="Compat.AffectedIndex"/>).</summary>
    public static async Task AllCandidatesAsync(VigilDbContext db, Action<CandidateRow> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = AllCandidates;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read(Row(reader));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<Dictionary<long, List<string>>> AliasesAsync(DbConnection connection, IReadOnlyList<long> numbers, CancellationToken cancellationToken)
    {
        var aliases = new Dictionary<long, List<string>>();
        await ReadAsync(connection, Aliases, numbers, reader =>
        {
            var number = reader.GetInt64(0);
            if (!aliases.TryGetValue(number, out var list))
            {
                aliases[number] = list = [];
            }
            list.Add(reader.GetString(1));
        }, cancellationToken);
        foreach (var list in aliases.Values)
        {
            list.Sort(StringComparer.Ordinal);
        }
        return aliases;
    }

    private static CandidateRow Row(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
        NullableString(reader, 4), NullableString(reader, 5), NullableString(reader, 6),
        reader.GetString(7), (AdvisorySeverity)reader.GetInt32(8),
        reader.IsDBNull(9) ? null : reader.GetDouble(9), NullableString(reader, 10), NullableString(reader, 11),
        Instant(reader.GetValue(12)));
}
