namespace Vigil.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives, from one user-supplied string: a PostgreSQL connection string
/// (<c>Host=…;Database=…</c> or a <c>postgres://</c> URL) selects PostgreSQL; anything else is a SQLite
/// database file path (or a SQLite connection string starting with <c>Data Source=</c>).
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public const string DataDirectoryVariable = "VIGIL_DATA_DIR";

    public static DatabaseTarget Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Default();
        }
        var text = value.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Postgres, PostgresUrl.ToConnectionString(text));
        }
        if (LooksLikeKeyValue(text, "host") || LooksLikeKeyValue(text, "server"))
        {
            return new(DatabaseProvider.Postgres, text);
        }
        if (LooksLikeKeyValue(text, "data source") || LooksLikeKeyValue(text, "datasource")
            || LooksLikeKeyValue(text, "filename"))
        {
            return new(DatabaseProvider.Sqlite, text);
        }
        return Sqlite(text);
    }

    public static DatabaseTarget Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        return new(DatabaseProvider.Sqlite, $"Data Source={full};Pooling=True");
    }

    /// <summary>The embedded default: <c>$VIGIL_DATA_DIR/vigil.db</c>, else <c>$XDG_DATA_HOME/vigil/vigil.db</c>, else
    /// <c>~/.local/share/vigil/vigil.db</c>.</summary>
    public static DatabaseTarget Default() => Sqlite(Path.Combine(DefaultDataDirectory(), "vigil.db"));

    public static string DefaultDataDirectory()
    {
        var explicitDir = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(explicitDir))
        {
            return explicitDir;
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var baseDir = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(baseDir, "vigil");
    }

    /// <summary>For messages and logs: never includes a password.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite {SqliteFile()}",
        _ => "PostgreSQL " + string.Join(';', ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => !part.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase))),
    };

    public string? SqliteFile()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = ConnectionString };
        foreach (var key in new[] { "Data Source", "DataSource", "Filename" })
        {
            if (builder.TryGetValue(key, out var file))
            {
                return file?.ToString();
            }
        }
        return null;
    }

    private static bool LooksLikeKeyValue(string text, string key) =>
        text.Split(';')
            .Any(part => part.Split('=', 2) is [var k, _] && k.Trim().Equals(key, StringComparison.OrdinalIgnoreCase));
}
