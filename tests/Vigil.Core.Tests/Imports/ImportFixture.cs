using System.IO.Compression;
using System.Text;
using Vigil.Core.Imports;

namespace Vigil.Core.Tests.Imports;

/// <summary>Helpers shared by the import and export tests: shared-data paths, temporary inputs, one-call
/// imports.</summary>
internal static class ImportFixture
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string WgVuln => SharedData.Path("data", "nodejs-security-wg", "vuln");

    public static string OsvExamples => SharedData.Path("specs", "osv", "examples");

    public static async Task<ImportSummary> ImportAsync(TestDatabase database, IReadOnlyList<string> paths,
        ImportOptions? options = null, IProgress<ImportProgress>? progress = null)
    {
        await using var context = database.Open();
        return await new ImportAdvisories(context, TimeProvider.System, options ?? ImportOptions.Default)
            .ExecuteAsync(paths, progress, Ct);
    }

    public static Task<ImportSummary> ImportAsync(TestDatabase database, params string[] paths) =>
        ImportAsync(database, paths, null);

    public static void WriteZip(string path, params (string Name, string Text)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in entries)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(Encoding.UTF8.GetBytes(text));
        }
    }

    /// <summary>Copies a directory tree (the WG data) into a temporary one a test may change.</summary>
    public static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
