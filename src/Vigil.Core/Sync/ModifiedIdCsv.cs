using System.Globalization;
using System.Text;

namespace Vigil.Core.Sync;

/// <summary>One line of <c>modified_id.csv</c>.</summary>
public sealed record ModifiedId(DateTimeOffset Modified, string Id, int Line);

/// <summary>
/// Reads an OSV bucket's <c>modified_id.csv</c>: one <c>&lt;RFC 3339 modified&gt;,&lt;id&gt;</c> line per
/// record, newest first. Two unquoted fields with no header need no CSV library; what matters is that a bad
/// line fails with its number, and that a truncated last line (a download cut mid-line) is caught: every
/// line must parse, and the file must end with a newline. The order is not trusted: callers filter by date.
/// </summary>
public static class ModifiedIdCsv
{
    public static IReadOnlyList<ModifiedId> Parse(ReadOnlySpan<byte> bytes, string file)
    {
        var entries = new List<ModifiedId>();
        if (bytes.Length > 0 && bytes[^1] != (byte)'\n')
        {
            throw new SyncFailedException($"{file}: the file does not end with a newline (a truncated download?)");
        }
        var text = Encoding.UTF8.GetString(bytes);
        var lineNumber = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.IsEmpty)
            {
                continue;
            }
            var comma = line.IndexOf(',');
            if (comma <= 0 || comma == line.Length - 1 || line[(comma + 1)..].Contains(','))
            {
                throw new SyncFailedException(
                    $"{file} line {lineNumber}: expected '<RFC 3339 modified>,<id>', found '{Shorten(line)}'");
            }
            if (!DateTimeOffset.TryParse(
                line[..comma], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var modified))
            {
                throw new SyncFailedException(
                    $"{file} line {lineNumber}: '{Shorten(line[..comma])}' is not an RFC 3339 date");
            }
            var id = line[(comma + 1)..].Trim().ToString();
            if (!IsSafeId(id))
            {
                throw new SyncFailedException($"{file} line {lineNumber}: '{Shorten(id)}' is not an advisory id");
            }
            entries.Add(new ModifiedId(modified, id, lineNumber));
        }
        return entries;
    }

    /// <summary>An id becomes a file name: letters, digits and <c>-_.:+</c> only, never <c>..</c>.</summary>
    public static bool IsSafeId(string id) =>
        id.Length is > 0 and <= 200
        && !id.Contains("..", StringComparison.Ordinal)
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '+');

    private static string Shorten(ReadOnlySpan<char> text) =>
        text.Length <= 80 ? text.ToString() : text[..80].ToString() + "…";
}
