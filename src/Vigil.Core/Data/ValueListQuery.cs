using System.Data;
using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Vigil.Core.Data;

/// <summary>
/// Runs a plain SQL read whose filter is "column in this list": the list travels as one parameter, a
/// JSON array on SQLite (<c>json_each</c>) and an array on PostgreSQL, so thousands of values cost one
/// round trip and no query compilation. The SQL ends with the filtered column; this appends the rest.
/// </summary>
internal static class ValueListQuery
{
    /// <summary>Through the context's connection (the web host's reads, with its connection interceptors).</summary>
    public static async Task ReadAsync<T>(
        VigilDbContext db,
        string sqlEndingInColumn,
        IReadOnlyList<T> values,
        Action<DbDataReader> read,
        CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await ReadAsync(db.Database.GetDbConnection(), sqlEndingInColumn, values, read, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>On a plain ADO.NET connection (the command line's audit, without EF Core); opened here when
    /// closed.</summary>
    public static async Task ReadAsync<T>(
        DbConnection connection,
        string sqlEndingInColumn,
        IReadOnlyList<T> values,
        Action<DbDataReader> read,
        CancellationToken cancellationToken)
    {
        var sqlite = connection is SqliteConnection;
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sqlEndingInColumn + (
                sqlite ? " IN (SELECT value FROM json_each(@values))" : " = ANY(@values)");
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@values";
            parameter.Value = sqlite ? JsonList(values) : values.ToArray();
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read(reader);
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    public static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>SQLite stores instants as UTC ticks (<see cref="UtcTicksConverter"/>); PostgreSQL returns timestamptz
    /// as a UTC DateTime.</summary>
    public static DateTimeOffset Instant(object value) => value switch
    {
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        DateTimeOffset instant => instant.ToUniversalTime(),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException($"Unexpected instant value of type {value.GetType()}."),
    };

    /// <summary>The list as a JSON array with a Utf8JsonWriter: no reflection-based serializer to start for one
    /// parameter.</summary>
    private static string JsonList<T>(IReadOnlyList<T> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                switch (value)
                {
                    case string text:
                        writer.WriteStringValue(text);
                        break;
                    case long number:
                        writer.WriteNumberValue(number);
                        break;
                    case int number:
                        writer.WriteNumberValue(number);
                        break;
                    default:
                        throw new NotSupportedException($"A value list of {typeof(T)} is not supported.");
                }
            }
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
