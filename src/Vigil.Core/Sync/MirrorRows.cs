using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Core.Advisories;
using Vigil.Core.Data;

namespace Vigil.Core.Sync;

/// <summary>What the database holds under an id, as the provenance rule and the change check need it.</summary>
/// <param name="Document">The stored document when the row is the writing source's own, else null (not read).</param>
internal sealed record HeldAdvisory(
    long Number, string Origin, DateTimeOffset Modified, string Source, string? Document);

/// <summary>
/// Writes a sync run's advisory rows (an advisory with its aliases and affected rows, as
/// <see cref="AdvisoryRows"/> derives them) in the run's transaction, without EF Core's change tracker:
/// a first sync stores 220,000 advisories and about 700,000 rows in all, and tracking them entity by entity
/// was most of its time (docs/performance.md, sync). The columns are the EF model's
/// (<see cref="AdvisoryConfiguration"/>); the migrations own the schema, so a column added there must be
/// added here too, which MirrorRowsTests holds to the EF path on both providers.
/// </summary>
internal abstract class MirrorRows(VigilDbContext db)
{
    protected VigilDbContext Db => db;

    protected DbConnection Connection => db.Database.GetDbConnection();

    protected DbTransaction? Transaction => db.Database.CurrentTransaction?.GetDbTransaction();

    public static MirrorRows For(VigilDbContext db) =>
        db.Database.IsSqlite() ? new SqliteMirrorRows(db) : new PostgresMirrorRows(db);

    /// <summary>
    /// The rows held under <paramref name="ids"/>; documents only of rows whose origin is <paramref name="source"/>.
    /// </summary>
    public async Task<Dictionary<string, HeldAdvisory>> ReadHeldAsync(
        IReadOnlyList<string> ids, string source, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "SELECT \"Number\", \"Id\", \"Origin\", \"Modified\", \"Source\", "
            + $"CASE WHEN \"Origin\" = @source THEN \"Document\" END FROM advisories WHERE {IdIn}");
        Parameter(command, "@source").Value = source;
        Parameter(command, "@ids").Value = IdList(ids);
        var held = new Dictionary<string, HeldAdvisory>(ids.Count, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            held[reader.GetString(1)] = new HeldAdvisory(reader.GetInt64(0), reader.GetString(2),
                ValueListQuery.Instant(reader.GetValue(3)), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5));
        }
        return held;
    }

    /// <summary>The provider's test of <c>"Id"</c> against the list bound to <c>@ids</c>.</summary>
    protected abstract string IdIn { get; }

    /// <summary>The value bound to <c>@ids</c>, as <see cref="IdIn"/> reads it.</summary>
    protected abstract object IdList(IReadOnlyList<string> ids);

    /// <summary>Adds new advisories (their numbers are assigned by the database, in list order).</summary>
    public abstract Task InsertAsync(IReadOnlyList<AdvisoryEntity> advisories, CancellationToken cancellationToken);

    /// <summary>Replaces stored advisories in place: the same number, new columns, aliases and affected rows.</summary>
    public abstract Task UpdateAsync(IReadOnlyList<AdvisoryEntity> advisories, CancellationToken cancellationToken);

    protected DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    protected static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    protected const string AdvisoryColumns =
        "\"Id\", \"Modified\", \"Published\", \"Withdrawn\", \"Summary\", \"Severity\", \"CvssScore\", \"CvssVector\", "
        + "\"Source\", \"Origin\", \"Document\"";

    protected const string AffectedColumns =
        "\"AdvisoryNumber\", \"Index\", \"Ecosystem\", \"Name\", \"NpmRange\", \"FixedVersion\", \"AffectedJson\"";
}
