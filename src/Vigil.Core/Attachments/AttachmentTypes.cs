using System.Text;

namespace Vigil.Core.Attachments;

/// <summary>
/// What a report may carry as an attachment, checked by content and not only by name: the extension picks
/// the kind, and the first bytes must be that kind's signature (a text file must be UTF-8 without control
/// characters). Anything else is refused, so an executable or an HTML page cannot pass as a screenshot.
/// Written here rather than taken from a library: the list is short and must be exact, and the detection
/// libraries on offer are unmaintained betas that guess more types than we accept.
/// </summary>
public static class AttachmentTypes
{
    private sealed record Kind(
        string MediaType, string[] Extensions, Func<ReadOnlyMemory<byte>, bool> Matches, string Description);

    private static readonly Kind[] Kinds =
    [
        new("image/png", [".png"], b => Starts(b, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG image"),
        new("image/jpeg", [".jpg", ".jpeg"], b => Starts(b, [0xFF, 0xD8, 0xFF]), "a JPEG image"),
        new("image/gif", [".gif"], b => Starts(b, "GIF87a"u8) || Starts(b, "GIF89a"u8), "a GIF image"),
        new(
            "image/webp",
            [".webp"],
            b => Starts(b, "RIFF"u8) && b.Length >= 12 && b.Span[8..12].SequenceEqual("WEBP"u8),
            "a WebP image"),
        new("video/mp4", [".mp4", ".mov"], b => b.Length >= 12 && b.Span[4..8].SequenceEqual("ftyp"u8), "an MP4 video"),
        new("video/webm", [".webm"], b => Starts(b, [0x1A, 0x45, 0xDF, 0xA3]), "a WebM video"),
        new("application/pdf", [".pdf"], b => Starts(b, "%PDF-"u8), "a PDF document"),
        new("application/zip", [".zip"], b => Starts(b, "PK\u0003\u0004"u8) || Starts(
            b, "PK\u0005\u0006"u8), "a zip archive"),
        new("application/gzip", [".gz", ".tgz"], b => Starts(b, [0x1F, 0x8B]), "a gzip archive"),
        new("text/plain", [
            ".txt", ".md", ".log", ".json", ".har", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".html", ".htm",
            ".xml", ".yml", ".yaml",
            ".toml", ".ini", ".csv", ".patch", ".diff", ".sh", ".ps1", ".py", ".rb", ".go", ".rs", ".cs", ".java", ".c",
            ".h", ".cpp", ".php", ".sql",
        ], IsText, "UTF-8 text"),
    ];

    /// <summary>The accepted extensions, for error messages and the form's <c>accept</c> attribute.</summary>
    public static IReadOnlyList<string> Extensions { get; } = Kinds.SelectMany(k => k.Extensions).ToArray();

    /// <summary>The media type the content was checked to be, or the reason it is refused (naming the file).</summary>
    public static (string? MediaType, string? Error) Check(string fileName, ReadOnlyMemory<byte> content)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var kind = Kinds.FirstOrDefault(k => k.Extensions.Contains(extension));
        if (kind is null)
        {
            return (null, extension.Length == 0
                ? $"'{fileName}' has no extension; name it after its type ({string.Join(", ", Extensions)})."
                : $"'{fileName}': {extension} files are not accepted; send one of {string.Join(", ", Extensions)}.");
        }
        return kind.Matches(content)
            ? (kind.MediaType, null)
            : (null, $"'{fileName}' is not {kind.Description}: its content does not match its extension.");
    }

    private static bool Starts(ReadOnlyMemory<byte> content, ReadOnlySpan<byte> signature) =>
        content.Span.StartsWith(signature);

    private static readonly UTF8Encoding StrictUtf8 = new(
        encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsText(ReadOnlyMemory<byte> content)
    {
        try
        {
            var text = StrictUtf8.GetString(content.Span);
            return !text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
