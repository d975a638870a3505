using Vigil.Core.Data;

namespace Vigil.Testing;

/// <summary>A SQLite database's files: the database itself and, in WAL mode, its <c>-wal</c> and <c>-shm</c>.</summary>
public static class SqliteFiles
{
    /// <summary>
    /// Releases the pooled connections, then deletes the database and its WAL files where they exist. A file that
    /// cannot be deleted is left to the system's temporary folder cleaning rather than failing a test.
    /// </summary>
    public static void Delete(string file)
    {
        VigilDatabase.ClearSqlitePools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(file + suffix);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
