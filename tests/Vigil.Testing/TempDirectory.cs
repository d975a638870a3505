using Vigil.Core.Data;

namespace Vigil.Testing;

/// <summary>
/// A fresh directory under the system temp folder, deleted with its contents (and any SQLite files in it) at
/// the end of the test.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "vigil-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    /// <summary>A SQLite database file path inside this directory (made by the first command that opens it).</summary>
    public string Database => Combine("vigil.db");

    /// <summary>A path inside this directory; nothing is created.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <paramref name="content"/> to a file inside this directory (creating its folders).</summary>
    /// <returns>The file's full path.</returns>
    public string Write(string relativePath, string content)
    {
        var path = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        // SQLite keeps pooled handles open; release them before deleting the files.
        VigilDatabase.ClearSqlitePools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Another test's pooled connection may still hold a file for a moment; the OS temp cleaner gets it.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise: a file still open on a slow CI box is not worth failing a test over.
        }
    }
}
