using System.IO.Compression;
using System.Text;

namespace Vigil.Core.Exports;

/// <summary>File-system details shared by exporters.</summary>
internal static class ExportFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // ZIP's DOS timestamps cover 1980–2107 (APPNOTE 4.4.6).
    private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ZipEnd = new(2107, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An id as a portable file name: path separators and characters Windows refuses become '_'.</summary>
    public static string SafeFileName(string id)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var name = new string(id.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray());
        return name is "." or ".." || name.Length == 0 ? "_" + name : name;
    }

    public static void WriteText(string path, string text) => File.WriteAllText(path, text, Utf8);

    public static void AddZipEntry(ZipArchive zip, string name, string text, DateTimeOffset modified)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        // Stable timestamps make two exports of the same data byte-identical.
        entry.LastWriteTime = modified < ZipEpoch ? ZipEpoch : modified > ZipEnd ? ZipEnd : modified;
        using var stream = entry.Open();
        stream.Write(Utf8.GetBytes(text));
    }

    /// <summary>A zip written beside its final name and moved into place when complete, so a failed export leaves no
    /// half zip.</summary>
    public sealed class PendingZip : IDisposable
    {
        private readonly string _final;
        private readonly string _temporary;
        private readonly FileStream _stream;
        private bool _completed;

        public PendingZip(string path)
        {
            _final = path;
            _temporary = path + ".partial";
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            _stream = File.Create(_temporary);
            Archive = new ZipArchive(_stream, ZipArchiveMode.Create);
        }

        public ZipArchive Archive { get; }

        public void Complete()
        {
            Archive.Dispose();
            _stream.Dispose();
            File.Move(_temporary, _final, overwrite: true);
            _completed = true;
        }

        public void Dispose()
        {
            if (!_completed)
            {
                Archive.Dispose();
                _stream.Dispose();
                File.Delete(_temporary);
            }
        }
    }
}
