using Vigil.Core.Data;

namespace Vigil.Cli.Tests.Infrastructure;

/// <summary>A fresh directory under the system temp folder, removed (with any SQLite files in it) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vigil-cli-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A SQLite database file path inside this directory (created by the first command that opens it).</summary>
    public string Database => File("vigil.db");

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Write(string relativePath, string content)
    {
        var path = File(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
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
    }
}
