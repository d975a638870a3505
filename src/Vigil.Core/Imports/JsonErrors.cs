using System.Text.Json;

namespace Vigil.Core.Imports;

/// <summary>Turns System.Text.Json's parse errors into "line 3, position 14: …" (both 1-based, as editors count).</summary>
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
}
