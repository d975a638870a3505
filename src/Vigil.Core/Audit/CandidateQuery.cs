using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Npm;
using static Vigil.Core.Data.ValueListQuery;

namespace Vigil.Core.Audit;

/// <summary>
/// Every affected row with its advisory's fields, in plain SQL, for the OSV/npm APIs' in-memory index
/// (the command line's audit reads through <see cref="AuditQueries"/>). Withdrawn advisories never match.
/// An npm row is matched by its range alone, so its entry is read only when it keeps a patched range
/// (<see cref="NpmPatchedVersions.Kept"/>), and only that range is kept.
/// </summary>
internal static class CandidateQuery
{
    private const string AllCandidates = """
        SELECT ap."AdvisoryNumber", ap."Index", ap."Ecosystem", ap."Name", ap."NpmRange", ap."FixedVersion",
               CASE WHEN ap."Ecosystem" <> 'npm' OR ap."AffectedJson" LIKE '%"patched_versions"%' THEN ap."AffectedJson" END,
               a."Id", a."Severity", a."CvssScore", a."CvssVector", a."Summary", a."Modified", a."Origin", a."Published"
        FROM affected_packages ap JOIN advisories a ON a."Number" = ap."AdvisoryNumber"
        WHERE a."Withdrawn" IS NULL
        """;

    /// <summary>Every candidate row of the database, streamed (the server's
    /// <see cref="Compat.AffectedIndex"/>).</summary>
    public static async Task AllCandidatesAsync(
        VigilDbContext db, Action<CandidateRow> read, CancellationToken cancellationToken)
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

    private const string AllAliases = """
        SELECT al."AdvisoryNumber", al."Alias"
        FROM advisory_aliases al JOIN advisories a ON a."Number" = al."AdvisoryNumber"
        WHERE a."Withdrawn" IS NULL
        """;

    /// <summary>Every alias of every advisory that can match, streamed (the duplicate rule's groups).</summary>
    public static async Task AllAliasesAsync(
        VigilDbContext db, Action<long, string> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = AllAliases;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read(reader.GetInt64(0), reader.GetString(1));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static CandidateRow Row(DbDataReader reader)
    {
        var ecosystem = reader.GetString(2);
        var affected = NullableString(reader, 6);
        var npm = AdvisoryRows.IsNpm(ecosystem);
        return new(
            reader.GetInt64(0), reader.GetInt32(1), ecosystem, reader.GetString(3),
            NullableString(reader, 4), NullableString(reader, 5), npm ? null : affected,
            reader.GetString(7), (AdvisorySeverity)reader.GetInt32(8),
            reader.IsDBNull(9) ? null : reader.GetDouble(9), NullableString(reader, 10), NullableString(reader, 11),
            Instant(reader.GetValue(12)),
            npm && affected is not null ? NpmPatchedVersions.Kept(KeptIn(affected)) : null,
            reader.GetString(13), reader.IsDBNull(14) ? null : Instant(reader.GetValue(14)));
    }

    private static JsonObject? KeptIn(string affectedJson) =>
        JsonNode.Parse(affectedJson)?["database_specific"] as JsonObject;
}

internal sealed record CandidateRow(
    long AdvisoryNumber, int Index, string Ecosystem, string Name, string? NpmRange, string? FixedVersion,
    string? AffectedJson,
    string Id, AdvisorySeverity Severity, double? CvssScore, string? CvssVector, string? Summary,
    DateTimeOffset Modified,
    string? KeptPatched = null, string Origin = AdvisoryOrigin.Import, DateTimeOffset? Published = null);
