using System.IO.Compression;

namespace Vigil.Core.Imports.Osv;

/// <summary>
/// OSV's bulk layout: a zip of <c>&lt;id&gt;.json</c> entries (osv.dev's <c>all.zip</c>). The zip is
/// untrusted input, so: the entry count is checked against the central directory before reading;
/// every entry's size is counted while it decompresses (the header's size can lie — a zip bomb), per
/// entry and for the whole zip; names that would point outside the archive (<c>../</c>, absolute,
/// drive letters, backslashes) are reported and skipped; entries that are not <c>.json</c> are ignored.
/// Nothing is ever written to disk.
/// </summary>
internal sealed class OsvZipSource : IImportSource
{
    private readonly string _path;
    private readonly ImportOptions _options;
    private readonly FileStream? _stream;
    private readonly ZipArchive? _archive;
    private readonly string? _refusal;
    private readonly List<ZipArchiveEntry> _entries = [];

    public OsvZipSource(string path, ImportOptions options)
    {
        _path = path;
        _options = options;
        try
        {
            _stream = File.OpenRead(path);
            _archive = new ZipArchive(_stream, ZipArchiveMode.Read);
            if (_archive.Entries.Count > options.MaxZipEntries)
            {
                _refusal =
                    $"the zip has {_archive.Entries.Count} entries, over the limit of {options.MaxZipEntries}; nothing "
                    + "was imported from it";
                return;
            }
            _entries.AddRange(_archive.Entries.Where(IsJsonEntry));
        }
        catch (Exception exception) when (
            exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            _refusal = "is not a readable zip: " + exception.Message;
        }
    }

    public int Total => _refusal is null ? _entries.Count : 1;

    public static bool LooksLikeZip(string path)
    {
        if (Path.GetExtension(path).Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[4];
            return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4
                && (magic.SequenceEqual("PK\u0003\u0004"u8) || magic.SequenceEqual("PK\u0005\u0006"u8));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public IEnumerable<ImportRecord> Read(CancellationToken cancellationToken) =>
        ReadEntries(cancellationToken).Select(e => e.Failure ?? OsvDocumentReader.Read(e.File, e.Bytes!));

    /// <summary>
    /// The entries' bytes, in order, not yet parsed (a failure when an entry cannot be read), so a caller may
    /// parse and validate them on several threads: a zip is read by one thread at a time.
    /// </summary>
    public IEnumerable<(string File, byte[]? Bytes, ImportRecord? Failure)> ReadEntries(
        CancellationToken cancellationToken)
    {
        if (_refusal is not null)
        {
            yield return (_path, null, ImportRecord.Failed(_path, _refusal));
            yield break;
        }
        long total = 0;
        for (var i = 0; i < _entries.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = _entries[i];
            var file = $"{_path}!{entry.FullName}";
            if (!IsSafeName(entry.FullName))
            {
                yield return (file, null, ImportRecord.Failed(
                    file, "the entry name points outside the archive (absolute, '..', drive or backslash); skipped"));
                continue;
            }
            var (bytes, error) = ReadEntry(entry, _options.MaxZipTotalBytes - total);
            if (bytes is null)
            {
                yield return (file, null, ImportRecord.Failed(file, error!));
                if (error == TotalExceeded)
                {
                    for (var rest = i + 1; rest < _entries.Count; rest++)
                    {
                        var skipped = $"{_path}!{_entries[rest].FullName}";
                        yield return (skipped, null, ImportRecord.Failed(skipped, "not read: " + TotalExceeded));
                    }
                    yield break;
                }
                continue;
            }
            total += bytes.Length;
            yield return (file, bytes, null);
        }
    }

    private string TotalExceeded =>
        $"the zip decompresses to more than {_options.MaxZipTotalBytes} bytes in all (a zip bomb?)";

    private (byte[]? Bytes, string? Error) ReadEntry(ZipArchiveEntry entry, long remainingTotal)
    {
        var limit = Math.Min(_options.MaxZipEntryBytes, remainingTotal);
        try
        {
            using var input = entry.Open();
            using var buffer = new MemoryStream((int)Math.Min(Math.Max(entry.Length, 0), Math.Min(limit, 1 << 20)));
            var chunk = new byte[81920];
            int read;
            while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
            {
                var size = buffer.Length + read;
                if (size > _options.MaxZipEntryBytes)
                {
                    return (
                        null,
                        $"the entry decompresses to more than {_options.MaxZipEntryBytes} bytes (a zip bomb?); "
                        + "skipped");
                }
                if (size > remainingTotal)
                {
                    return (null, TotalExceeded);
                }
                buffer.Write(chunk, 0, read);
            }
            return (buffer.ToArray(), null);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or NotSupportedException)
        {
            return (null, "the entry cannot be decompressed: " + exception.Message);
        }
    }

    private static bool IsJsonEntry(ZipArchiveEntry entry) =>
        !entry.FullName.EndsWith('/') && entry.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Zip names use '/' (APPNOTE 4.4.17): no leading slash, no drive, no backslash, no ".."
    /// segment.</summary>
    internal static bool IsSafeName(string name) =>
        name.Length > 0
        && !name.StartsWith('/')
        && !name.Contains('\\', StringComparison.Ordinal)
        && !name.Contains(':', StringComparison.Ordinal)
        && !name.Contains('\0', StringComparison.Ordinal)
        && name.Split('/').All(segment => segment != "..");

    public void Dispose()
    {
        _archive?.Dispose();
        _stream?.Dispose();
    }
}
