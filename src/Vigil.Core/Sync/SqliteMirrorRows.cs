using System.Data.Common;
using System.Text.Json;
using Vigil.Core.Advisories;
using Vigil.Core.Data;

namespace Vigil.Core.Sync;

/// <summary>
/// SQLite: one prepared statement per kind of row, re-bound for every row (SQLite has no network round
/// trip, so a statement per row costs microseconds once prepared). Instants are UTC ticks, as
/// <see cref="UtcTicksConverter"/> stores them.
/// </summary>
internal sealed class SqliteMirrorRows(VigilDbContext db) : MirrorRows(db)
{
    protected override string IdIn => "\"Id\" IN (SELECT value FROM json_each(@ids))";

    protected override object IdList(IReadOnlyList<string> ids) => JsonSerializer.Serialize(ids);

    public override async Task InsertAsync(
        IReadOnlyList<AdvisoryEntity> advisories, CancellationToken cancellationToken)
    {
        if (advisories.Count == 0)
        {
            return;
        }
        await using var insert = Command($"INSERT INTO advisories ({AdvisoryColumns}) "
            + "VALUES (@id, @modified, @published, @withdrawn, @summary, @severity, @score, @vector, @source, "
            + "@origin, @document) "
            + "RETURNING \"Number\"");
        var columns = AdvisoryParameters(insert);
        await using var children = new Children(this);
        foreach (var advisory in advisories)
        {
            Bind(columns, advisory);
            advisory.Number = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            await children.InsertAsync(advisory, cancellationToken);
        }
    }

    public override async Task UpdateAsync(
        IReadOnlyList<AdvisoryEntity> advisories, CancellationToken cancellationToken)
    {
        if (advisories.Count == 0)
        {
            return;
        }
        await using var update = Command("UPDATE advisories SET \"Id\" = @id, \"Modified\" = @modified, "
            + "\"Published\" = @published, \"Withdrawn\" = @withdrawn, \"Summary\" = @summary, "
            + "\"Severity\" = @severity, "
            + "\"CvssScore\" = @score, \"CvssVector\" = @vector, \"Source\" = @source, \"Origin\" = @origin, "
            + "\"Document\" = @document WHERE \"Number\" = @number");
        var columns = AdvisoryParameters(update);
        var number = Parameter(update, "@number");
        await using var deleteAliases = Command("DELETE FROM advisory_aliases WHERE \"AdvisoryNumber\" = @number");
        var aliasesOf = Parameter(deleteAliases, "@number");
        await using var deleteAffected = Command("DELETE FROM affected_packages WHERE \"AdvisoryNumber\" = @number");
        var affectedOf = Parameter(deleteAffected, "@number");
        await using var children = new Children(this);
        foreach (var advisory in advisories)
        {
            Bind(columns, advisory);
            number.Value = aliasesOf.Value = affectedOf.Value = advisory.Number;
            await update.ExecuteNonQueryAsync(cancellationToken);
            await deleteAliases.ExecuteNonQueryAsync(cancellationToken);
            await deleteAffected.ExecuteNonQueryAsync(cancellationToken);
            await children.InsertAsync(advisory, cancellationToken);
        }
    }

    private static DbParameter[] AdvisoryParameters(DbCommand command) =>
    [
        Parameter(command, "@id"), Parameter(command, "@modified"), Parameter(command, "@published"),
        Parameter(command, "@withdrawn"), Parameter(command, "@summary"), Parameter(command, "@severity"),
        Parameter(command, "@score"), Parameter(command, "@vector"), Parameter(command, "@source"),
        Parameter(command, "@origin"), Parameter(command, "@document"),
    ];

    private static void Bind(DbParameter[] p, AdvisoryEntity a)
    {
        p[0].Value = a.Id;
        p[1].Value = a.Modified.UtcTicks;
        p[2].Value = a.Published is { } published ? published.UtcTicks : DBNull.Value;
        p[3].Value = a.Withdrawn is { } withdrawn ? withdrawn.UtcTicks : DBNull.Value;
        p[4].Value = (object?)a.Summary ?? DBNull.Value;
        p[5].Value = (int)a.Severity;
        p[6].Value = (object?)a.CvssScore ?? DBNull.Value;
        p[7].Value = (object?)a.CvssVector ?? DBNull.Value;
        p[8].Value = a.Source;
        p[9].Value = a.Origin;
        p[10].Value = a.Document;
    }

    /// <summary>The prepared inserts of an advisory's aliases and affected rows.</summary>
    private sealed class Children : IAsyncDisposable
    {
        private readonly DbCommand _alias;
        private readonly DbParameter _aliasNumber;
        private readonly DbParameter _aliasValue;
        private readonly DbCommand _affected;
        private readonly DbParameter[] _affectedColumns;

        public Children(SqliteMirrorRows rows)
        {
            _alias = rows.Command(
                "INSERT INTO advisory_aliases (\"AdvisoryNumber\", \"Alias\") VALUES (@number, @alias)");
            _aliasNumber = Parameter(_alias, "@number");
            _aliasValue = Parameter(_alias, "@alias");
            _affected = rows.Command($"INSERT INTO affected_packages ({AffectedColumns}) "
                + "VALUES (@number, @index, @ecosystem, @name, @range, @fixed, @json)");
            _affectedColumns =
            [
                Parameter(_affected, "@number"), Parameter(_affected, "@index"), Parameter(_affected, "@ecosystem"),
                Parameter(_affected, "@name"), Parameter(_affected, "@range"), Parameter(_affected, "@fixed"),
                Parameter(_affected, "@json"),
            ];
        }

        public async Task InsertAsync(AdvisoryEntity advisory, CancellationToken cancellationToken)
        {
            foreach (var alias in advisory.Aliases)
            {
                _aliasNumber.Value = advisory.Number;
                _aliasValue.Value = alias.Alias;
                await _alias.ExecuteNonQueryAsync(cancellationToken);
            }
            foreach (var row in advisory.Affected)
            {
                var p = _affectedColumns;
                p[0].Value = advisory.Number;
                p[1].Value = row.Index;
                p[2].Value = row.Ecosystem;
                p[3].Value = row.Name;
                p[4].Value = (object?)row.NpmRange ?? DBNull.Value;
                p[5].Value = (object?)row.FixedVersion ?? DBNull.Value;
                p[6].Value = row.AffectedJson;
                await _affected.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _alias.DisposeAsync();
            await _affected.DisposeAsync();
        }
    }
}
