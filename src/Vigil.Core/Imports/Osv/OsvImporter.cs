namespace Vigil.Core.Imports.Osv;

/// <summary>
/// OSV documents (schema 1.7.5): one <c>.json</c> file, a directory of them (searched recursively),
/// or a zip in OSV's bulk layout (osv.dev's <c>all.zip</c>: one <c>&lt;id&gt;.json</c> per entry).
/// Stored with source "osv".
/// </summary>
public sealed class OsvImporter : IAdvisoryImporter
{
    public string Name => "osv";

    public bool CanImport(string path) =>
        Directory.Exists(path)
        || (File.Exists(path) && (HasExtension(path, ".json") || OsvZipSource.LooksLikeZip(path)));

    public IImportSource Open(string path, ImportOptions options)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .ToList();
            return new OsvFilesSource(files, options);
        }
        return OsvZipSource.LooksLikeZip(path)
            ? new OsvZipSource(path, options)
            : new OsvFilesSource([path], options);
    }

    private static bool HasExtension(string path, string extension) =>
        Path.GetExtension(path).Equals(extension, StringComparison.OrdinalIgnoreCase);

    private sealed class OsvFilesSource(IReadOnlyList<string> files, ImportOptions options) : IImportSource
    {
        public int Total => files.Count;

        public IEnumerable<ImportRecord> Read(CancellationToken cancellationToken)
        {
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return ReadFile(file);
            }
        }

        private ImportRecord ReadFile(string file)
        {
            try
            {
                var length = new FileInfo(file).Length;
                if (length > options.MaxFileBytes)
                {
                    return ImportRecord.Failed(
                        file, $"the file is {length} bytes, over the limit of {options.MaxFileBytes}");
                }
                return OsvDocumentReader.Read(file, File.ReadAllBytes(file));
            }
            catch (IOException exception)
            {
                return ImportRecord.Failed(file, "cannot be read: " + exception.Message);
            }
            catch (UnauthorizedAccessException exception)
            {
                return ImportRecord.Failed(file, "cannot be read: " + exception.Message);
            }
        }

        public void Dispose()
        {
        }
    }
}
