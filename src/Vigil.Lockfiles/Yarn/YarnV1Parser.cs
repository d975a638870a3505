using System.Text;
using Vigil.Lockfiles.Parsing;

namespace Vigil.Lockfiles.Yarn;

/// <summary>
/// Parses yarn classic's own lockfile syntax (not YAML) into a <see cref="LockMap"/> tree:
/// <code>
/// "a@^1.0.0", a@^1.1.0:
///   version "1.1.2"
///   dependencies:
///     b "^2.0.0"
/// </code>
/// A key line ending in ':' opens a block indented two more spaces; other lines are "key value".
/// A multi-specifier key becomes one key joined by ", " (each part unquoted).
/// </summary>
internal static class YarnV1Parser
{
    public static LockMap Parse(string text, int maxDepth)
    {
        var root = new LockMap(1, 1);
        var blocks = new List<LockMap> { root };
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            var trimmed = line.TrimStart(' ');
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            if (trimmed.StartsWith("<<<<<<<", StringComparison.Ordinal)
                || trimmed.StartsWith(">>>>>>>", StringComparison.Ordinal)
                || trimmed.StartsWith("=======", StringComparison.Ordinal))
            {
                throw new FormatError(lineNumber, 1, "unresolved merge conflict marker");
            }

            var indent = line.Length - trimmed.Length;
            var column = indent + 1;
            if (trimmed[0] == '\t' || indent % 2 != 0)
            {
                throw new FormatError(lineNumber, column, "indentation must be a multiple of two spaces");
            }

            var level = indent / 2;
            if (level >= blocks.Count)
            {
                throw new FormatError(lineNumber, column, "unexpected indentation");
            }

            blocks.RemoveRange(level + 1, blocks.Count - level - 1);
            var parent = blocks[level];
            if (trimmed.EndsWith(':'))
            {
                if (level + 1 >= maxDepth)
                {
                    throw new FormatError(lineNumber, column, $"nesting is deeper than the limit of {maxDepth} levels");
                }

                var keys = ReadKeys(trimmed[..^1], lineNumber, column);
                var block = new LockMap(lineNumber, column);
                parent.Add(new LockScalar(keys, ScalarKind.String, lineNumber, column), block);
                blocks.Add(block);
                continue;
            }

            var position = 0;
            var key = ReadToken(trimmed, ref position, lineNumber, column, out var keyQuoted);
            if (position < trimmed.Length && trimmed[position] == ':')
            {
                position++;
            }
            else if (!keyQuoted && key.EndsWith(':'))
            {
                key = key[..^1];
            }

            var rest = trimmed[position..].Trim();
            if (rest.Length == 0)
            {
                throw new FormatError(lineNumber, column, $"'{key}' has no value");
            }

            var valuePosition = 0;
            var value = ReadToken(rest, ref valuePosition, lineNumber, column, out var quoted);
            var valueText = quoted ? value : rest;
            parent.Add(
                new LockScalar(key, ScalarKind.String, lineNumber, column),
                new LockScalar(
                    valueText, quoted ? ScalarKind.String : ScalarKind.Plain, lineNumber, column + position + 1));
        }

        return root;
    }

    private static string ReadKeys(string text, int line, int column)
    {
        var parts = new List<string>();
        var position = 0;
        while (true)
        {
            while (position < text.Length && text[position] == ' ')
            {
                position++;
            }

            parts.Add(ReadToken(text, ref position, line, column, out _, stopAtComma: true));
            while (position < text.Length && text[position] == ' ')
            {
                position++;
            }

            if (position >= text.Length)
            {
                return string.Join(", ", parts);
            }

            if (text[position] != ',')
            {
                throw new FormatError(line, column + position, "expected ',' between package specifiers");
            }

            position++;
        }
    }

    /// <summary>A "quoted string" (JSON escapes) or a bare word up to a space (or a comma in key lists).</summary>
    private static string ReadToken(
        string text, ref int position, int line, int column, out bool quoted, bool stopAtComma = false)
    {
        quoted = position < text.Length && text[position] == '"';
        if (!quoted)
        {
            var start = position;
            while (position < text.Length && text[position] != ' ' && !(stopAtComma && text[position] == ','))
            {
                position++;
            }

            return text[start..position];
        }

        var value = new StringBuilder();
        for (position++; position < text.Length; position++)
        {
            var c = text[position];
            if (c == '"')
            {
                position++;
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (++position >= text.Length)
            {
                break;
            }

            value.Append(text[position] switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                'b' => "\b",
                'f' => "\f",
                'u' when position + 4 < text.Length
                    && ushort.TryParse(
                        text.AsSpan(position + 1, 4), System.Globalization.NumberStyles.HexNumber, null, out var code)
                    => ((char)code).ToString(),
                'u' => throw new FormatError(line, column + position, "invalid \\u escape"),
                var other => other.ToString(),
            });
            if (text[position] == 'u')
            {
                position += 4;
            }
        }

        throw new FormatError(line, column, "unterminated quoted string");
    }
}
