using System.Data.Common;
using Vigil.Core.Advisories;
using static Vigil.Core.Data.ValueListQuery;

namespace Vigil.Core.Audit;

/// <summary>
/// The audit's reads, in plain SQL on a plain connection: the command line runs them once per process,
/// where compiling the equivalent LINQ costs more than the 2,000-name lookup itself (see
/// docs/performance.md, benchmark b). Affected rows first (only what matching needs, covered by the
/// SQLite name index), then the matched advisories' fields and aliases, by number in ascending order
/// so each page is read once.
/// </summary>
internal static class AuditQueries
{
    private const string AffectedRows = """
        SELECT "AdvisoryNumber", "Index", "Ecosystem", "Name", "NpmRange", "FixedVersion" FROM affected_packages WHERE "Name"
        """;

    /// <summary>Non-npm rows match by their stored OSV entry; npm rows by their npm range alone.</summary>
    private const string OsvEntries = """
        SELECT "AdvisoryNumber", "Index", "AffectedJson" FROM affected_packages WHERE "Ecosystem" <> 'npm' AND "Name"
        """;

    private const string Advisories = """
        SELECT "Number", "Id", "Severity", "CvssScore", "CvssVector", "Summary", "Origin", "Published"
        FROM advisories WHERE "Withdrawn" IS NULL AND "Number"
        """;

    private const string Aliases = """SELECT "AdvisoryNumber", "Alias" FROM advisory_aliases WHERE "AdvisoryNumber" """;

    /// <summary>Every affected row naming one of the packages, in any ecosystem; withdrawn advisories are left out by
    /// <see cref="AdvisoriesAsync"/>.</summary>
    /// <param name="withOsvEntries">Whether non-npm packages are audited: only they need the stored OSV
    /// entries.</param>
    public static async Task<List<AffectedRow>> AffectedRowsAsync(
        DbConnection connection, IReadOnlyList<string> names, bool withOsvEntries, CancellationToken cancellationToken)
    {
        var rows = new List<AffectedRow>();
        await ReadAsync(connection, AffectedRows, names, reader => rows.Add(new AffectedRow(
            reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
            NullableString(reader, 4), NullableString(reader, 5), null)), cancellationToken);
        if (!withOsvEntries)
        {
            return rows;
        }
        var entries = new Dictionary<(long, int), string>();
        await ReadAsync(
            connection, OsvEntries, names,
            reader => entries[(reader.GetInt64(0), reader.GetInt32(1))] = reader.GetString(2), cancellationToken);
        return [.. rows.Select(
            r => entries.TryGetValue((r.AdvisoryNumber, r.Index), out var json) ? r with { AffectedJson = json } : r)];
    }

    /// <summary>What a finding shows of each advisory, by number; withdrawn advisories are absent.</summary>
    public static async Task<Dictionary<long, AuditedAdvisory>> AdvisoriesAsync(
        DbConnection connection, IReadOnlyList<long> ascendingNumbers, CancellationToken cancellationToken)
    {
        var advisories = new Dictionary<long, AuditedAdvisory>(ascendingNumbers.Count);
        await ReadAsync(connection, Advisories, ascendingNumbers, reader => advisories[reader.GetInt64(0)] =
            new AuditedAdvisory(
                reader.GetString(1), (AdvisorySeverity)reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                NullableString(reader, 4), NullableString(reader, 5), reader.GetString(6),
                reader.IsDBNull(7) ? null : Instant(reader.GetValue(7))),
            cancellationToken);
        return advisories;
    }

    /// <summary>Each advisory's aliases, sorted.</summary>
    public static async Task<Dictionary<long, List<string>>> AliasesAsync(
        DbConnection connection, IReadOnlyList<long> ascendingNumbers, CancellationToken cancellationToken)
    {
        var aliases = new Dictionary<long, List<string>>();
        await ReadAsync(connection, Aliases, ascendingNumbers, reader =>
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
}

/// <summary>One affected entry of an advisory, as matching needs it: <see cref="AffectedJson"/> only for non-npm
/// rows.</summary>
internal sealed record AffectedRow(
    long AdvisoryNumber, int Index, string Ecosystem, string Name, string? NpmRange, string? FixedVersion,
    string? AffectedJson);

/// <summary>The fields of an advisory a finding shows.</summary>
internal sealed record AuditedAdvisory(
    string Id, AdvisorySeverity Severity, double? CvssScore, string? CvssVector, string? Summary, string Origin,
    DateTimeOffset? Published);
