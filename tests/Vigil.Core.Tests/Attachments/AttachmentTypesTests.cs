using System.Text;
using Vigil.Core.Attachments;

namespace Vigil.Core.Tests.Attachments;

public class AttachmentTypesTests
{
    public static TheoryData<string, byte[], string> Accepted => new()
    {
        { "shot.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "image/png" },
        { "Shot.JPG", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16], "image/jpeg" },
        { "anim.gif", Encoding.ASCII.GetBytes("GIF89a\u0001\u0000"), "image/gif" },
        { "pic.webp", Encoding.ASCII.GetBytes("RIFF\u0010\u0000\u0000\u0000WEBPVP8 "), "image/webp" },
        { "demo.mp4",
            [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'p', (byte)'4', (byte)'2'],
            "video/mp4" },
        { "demo.webm", [0x1A, 0x45, 0xDF, 0xA3, 0x9F], "video/webm" },
        { "paper.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n"), "application/pdf" },
        { "poc.zip", Encoding.ASCII.GetBytes("PK\u0003\u0004\u0014\u0000"), "application/zip" },
        { "poc.tgz", [0x1F, 0x8B, 0x08, 0x00], "application/gzip" },
        { "exploit.js", Encoding.UTF8.GetBytes("const payload = '__proto__';\n\tconsole.log(payload); // café\r\n"),
            "text/plain" },
        { "trace.log", Encoding.UTF8.GetBytes("line 1\nline 2\f\n"), "text/plain" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Check_ContentMatchingItsExtension_IsAccepted(string name, byte[] content, string mediaType)
    {
        var (type, error) = AttachmentTypes.Check(name, content);

        Assert.Null(error);
        Assert.Equal(mediaType, type);
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "shot.png", Encoding.UTF8.GetBytes("<html><script>alert(1)</script>"), "'shot.png' is not a PNG image" },
        { "paper.pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "'paper.pdf' is not a PDF document" },
        { "tool.exe", Encoding.ASCII.GetBytes("MZ\u0090\u0000"), ".exe files are not accepted" },
        { "image.svg", Encoding.UTF8.GetBytes("<svg onload=alert(1)/>"), ".svg files are not accepted" },
        { "README", Encoding.UTF8.GetBytes("text"), "has no extension" },
        { "binary.txt", [0x41, 0x00, 0x42], "'binary.txt' is not UTF-8 text" },
        { "latin1.txt", [0x63, 0x61, 0x66, 0xE9], "'latin1.txt' is not UTF-8 text" },
        { "escape.log", Encoding.UTF8.GetBytes("\u001b[31mred"), "'escape.log' is not UTF-8 text" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Check_WrongOrUnknownType_IsRefusedNamingTheFile(string name, byte[] content, string message)
    {
        var (type, error) = AttachmentTypes.Check(name, content);

        Assert.Null(type);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
