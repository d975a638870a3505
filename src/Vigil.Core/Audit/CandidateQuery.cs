using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using static Vigil.Core.Data.ValueListQuery;

namespace Vigil.Core.Audit;

/// <summary>
/// Every affected row with its advisory's fields, in plain SQL, for the OSV/npm APIs' in-memory index
/// (the command line's audit reads through <see cref="AuditQueries"/>). Withdrawn advisories never match.
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

    private static CandidateRow Row(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
        NullableString(reader, 4), NullableString(reader, 5), NullableString(reader, 6),
        reader.GetString(7), (AdvisorySeverity)reader.GetInt32(8),
        reader.IsDBNull(9) ? null : reader.GetDouble(9), NullableString(reader, 10), NullableString(reader, 11),
        Instant(reader.GetValue(12)));
}

internal sealed record CandidateRow(
    long AdvisoryNumber, int Index, string Ecosystem, string Name, string? NpmRange, string? FixedVersion, string? AffectedJson,
    string Id, AdvisorySeverity Severity, double? CvssScore, string? CvssVector, string? Summary, DateTimeOffset Modified);
