using Npgsql;
using NpgsqlTypes;
using Vigil.Core.Advisories;
using Vigil.Core.Data;

namespace Vigil.Core.Sync;

/// <summary>
/// PostgreSQL: every statement takes a whole batch as arrays (<c>unnest</c>), so a batch of 1,000
/// advisories costs a handful of round trips instead of one per row.
/// </summary>
internal sealed class PostgresMirrorRows(VigilDbContext db) : MirrorRows(db)
{
    private const string AdvisoryArrays =
        "unnest(@id::text[], @modified::timestamptz[], @published::timestamptz[], @withdrawn::timestamptz[], "
        + "@summary::text[], @severity::integer[], @score::double precision[], @vector::text[], @source::text[], "
        + "@origin::text[], @document::text[])";

    protected override string IdIn => "\"Id\" = ANY(@ids)";

    protected override object IdList(IReadOnlyList<string> ids) => ids.ToArray();

    public override async Task InsertAsync(
        IReadOnlyList<AdvisoryEntity> advisories, CancellationToken cancellationToken)
    {
        if (advisories.Count == 0)
        {
            return;
        }
        // WITH ORDINALITY keeps the list's order, so numbers are assigned as a one-by-one insert would.
        await using var insert = Command($"INSERT INTO advisories ({AdvisoryColumns}) "
            + $"SELECT {AdvisoryColumnsOf("t")} FROM {AdvisoryArrays} WITH ORDINALITY AS t({AdvisoryColumns}, n) "
            + "ORDER BY t.n RETURNING \"Id\", \"Number\"");
        BindAdvisories(insert, advisories);
        var numbers = new Dictionary<string, long>(advisories.Count, StringComparer.Ordinal);
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                numbers[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        foreach (var advisory in advisories)
        {
            advisory.Number = numbers[advisory.Id];
        }
        await InsertChildrenAsync(advisories, cancellationToken);
    }

    public override async Task UpdateAsync(
        IReadOnlyList<AdvisoryEntity> advisories, CancellationToken cancellationToken)
    {
        if (advisories.Count == 0)
        {
            return;
        }
        await using (var update = Command("UPDATE advisories AS a SET "
            + string.Join(", ", AdvisoryNames.Split(", ").Select(c => $"\"{c}\" = t.\"{c}\""))
            + $" FROM {AdvisoryArrays[..^1]}, @number::bigint[]) AS t({AdvisoryColumns}, \"Number\") "
            + "WHERE a.\"Number\" = t.\"Number\""))
        {
            BindAdvisories(update, advisories);
            Parameter(update, "@number").Value = advisories.Select(a => a.Number).ToArray();
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var delete = Command("DELETE FROM advisory_aliases WHERE \"AdvisoryNumber\" = ANY(@numbers); "
            + "DELETE FROM affected_packages WHERE \"AdvisoryNumber\" = ANY(@numbers)"))
        {
            Parameter(delete, "@numbers").Value = advisories.Select(a => a.Number).ToArray();
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await InsertChildrenAsync(advisories, cancellationToken);
    }

    private async Task InsertChildrenAsync(
        IReadOnlyList<AdvisoryEntity> advisories, CancellationToken cancellationToken)
    {
        var aliases = advisories.SelectMany(a => a.Aliases.Select(alias => (a.Number, alias.Alias))).ToList();
        if (aliases.Count > 0)
        {
            await using var command = Command("INSERT INTO advisory_aliases (\"AdvisoryNumber\", \"Alias\") "
                + "SELECT * FROM unnest(@number::bigint[], @alias::text[])");
            Parameter(command, "@number").Value = aliases.Select(a => a.Number).ToArray();
            Parameter(command, "@alias").Value = aliases.Select(a => a.Alias).ToArray();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var affected = advisories.SelectMany(a => a.Affected.Select(row => (a.Number, Row: row))).ToList();
        if (affected.Count > 0)
        {
            await using var command = Command($"INSERT INTO affected_packages ({AffectedColumns}) "
                + "SELECT * FROM unnest(@number::bigint[], @index::integer[], @ecosystem::text[], @name::text[], "
                + "@range::text[], @fixed::text[], @json::text[])");
            Parameter(command, "@number").Value = affected.Select(a => a.Number).ToArray();
            Parameter(command, "@index").Value = affected.Select(a => a.Row.Index).ToArray();
            Parameter(command, "@ecosystem").Value = affected.Select(a => a.Row.Ecosystem).ToArray();
            Parameter(command, "@name").Value = affected.Select(a => a.Row.Name).ToArray();
            Texts(command, "@range", affected.Select(a => a.Row.NpmRange));
            Texts(command, "@fixed", affected.Select(a => a.Row.FixedVersion));
            Parameter(command, "@json").Value = affected.Select(a => a.Row.AffectedJson).ToArray();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private const string AdvisoryNames =
        "Id, Modified, Published, Withdrawn, Summary, Severity, CvssScore, CvssVector, Source, Origin, Document";

    private static string AdvisoryColumnsOf(string alias) =>
        string.Join(", ", AdvisoryNames.Split(", ").Select(c => $"{alias}.\"{c}\""));

    private static void BindAdvisories(System.Data.Common.DbCommand command, IReadOnlyList<AdvisoryEntity> a)
    {
        Parameter(command, "@id").Value = a.Select(x => x.Id).ToArray();
        Instants(command, "@modified", a.Select(x => (DateTimeOffset?)x.Modified));
        Instants(command, "@published", a.Select(x => x.Published));
        Instants(command, "@withdrawn", a.Select(x => x.Withdrawn));
        Texts(command, "@summary", a.Select(x => x.Summary));
        Parameter(command, "@severity").Value = a.Select(x => (int)x.Severity).ToArray();
        var score = (NpgsqlParameter)Parameter(command, "@score");
        score.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double;
        score.Value = a.Select(x => x.CvssScore).ToArray();
        Texts(command, "@vector", a.Select(x => x.CvssVector));
        Parameter(command, "@source").Value = a.Select(x => x.Source).ToArray();
        Parameter(command, "@origin").Value = a.Select(x => x.Origin).ToArray();
        Parameter(command, "@document").Value = a.Select(x => x.Document).ToArray();
    }

    private static void Texts(System.Data.Common.DbCommand command, string name, IEnumerable<string?> values)
    {
        var parameter = (NpgsqlParameter)Parameter(command, name);
        parameter.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text;
        parameter.Value = values.ToArray();
    }

    private static void Instants(System.Data.Common.DbCommand command, string name, IEnumerable<DateTimeOffset?> values)
    {
        var parameter = (NpgsqlParameter)Parameter(command, name);
        parameter.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz;
        parameter.Value = values.Select(v => v?.ToUniversalTime()).ToArray();
    }
}
