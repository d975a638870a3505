using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Vigil.Core.Imports;

/// <summary>Turns System.Text.Json's parse errors into "line 3, position 14: …" (both 1-based, as editors
/// count).</summary>
internal static class JsonErrors
{
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        // The parser appends " LineNumber: 2 | BytePositionInLine: 13." and sometimes " Path: $ |"; we print our own.
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }
        message = message.Trim();
        return exception.LineNumber is { } line
            ? $"line {line + 1}, position {(exception.BytePositionInLine ?? 0) + 1}: {message}"
            : message;
    }

    /// <summary>
    /// "not valid UTF-8 at byte N" for bytes that are not UTF-8, else null. The JSON parser checks the structure
    /// but leaves string contents to be decoded later, where a bad byte would surface as an exception instead of
    /// a problem naming the file; so input from outside is checked whole before it is parsed.
    /// </summary>
    public static string? InvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }
        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }
        return $"the file is not valid UTF-8 (byte {offset:N0} starts an invalid sequence)";
    }
}
