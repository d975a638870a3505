using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Vigil.Core.Data;

/// <summary>
/// Runs a plain SQL read whose filter is "column in this list": the list travels as one parameter, a
/// JSON array on SQLite (<c>json_each</c>) and an array on PostgreSQL, so thousands of values cost one
/// round trip and no query compilation. The SQL ends with the filtered column; this appends the rest.
/// </summary>
internal static class ValueListQuery
{
    public static async Task ReadAsync<T>(VigilDbContext db, string sqlEndingInColumn, IReadOnlyList<T> values, Action<DbDataReader> read, CancellationToken cancellationToken)
    {
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sqlEndingInColumn + (sqlite ? " IN (SELECT value FROM json_each(@values))" : " = ANY(@values)");
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@values";
            parameter.Value = sqlite ? JsonSerializer.Serialize(values) : values.ToArray();
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

    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>SQLite stores instants as UTC ticks (<see cref="UtcTicksConverter"/>); PostgreSQL returns timestamptz as a UTC DateTime.</summary>
    public static DateTimeOffset Instant(object value) => value switch
    {
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        DateTimeOffset instant => instant.ToUniversalTime(),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException($"Unexpected instant value of type {value.GetType()}."),
    };
}
