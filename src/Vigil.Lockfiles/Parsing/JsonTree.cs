using System.Text;
using System.Text.Json;

namespace Vigil.Lockfiles.Parsing;

/// <summary>
/// JSON → <see cref="LockNode"/> tree with positions. Built on <see cref="Utf8JsonReader"/> because
/// <c>JsonDocument</c> forgets where elements were, and "wrong type" errors must name a line.
/// The reader enforces <c>MaxDepth</c>; building is iterative, so depth never touches the stack.
/// </summary>
internal static class JsonTree
{
    public static LockNode Parse(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = maxDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        var lines = new LineTracker();
        var stack = new Stack<(LockNode Container, LockScalar? Key)>();
        LockNode? root = null;

        while (reader.Read())
        {
            var (line, column) = lines.Locate(utf8, (int)reader.TokenStartIndex);
            LockNode? value = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var top = stack.Pop();
                    stack.Push((top.Container, new LockScalar(reader.GetString()!, ScalarKind.String, line, column)));
                    continue;
                case JsonTokenType.StartObject:
                    value = new LockMap(line, column);
                    break;
                case JsonTokenType.StartArray:
                    value = new LockSequence(line, column);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.Pop();
                    continue;
                case JsonTokenType.String:
                    value = new LockScalar(reader.GetString()!, ScalarKind.String, line, column);
                    break;
                case JsonTokenType.Number:
                    value = new LockScalar(
                        Encoding.UTF8.GetString(reader.ValueSpan), ScalarKind.JsonNumber, line, column);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    value = new LockScalar(
                        reader.GetBoolean() ? "true" : "false", ScalarKind.JsonBoolean, line, column);
                    break;
                case JsonTokenType.Null:
                    value = new LockScalar("null", ScalarKind.JsonNull, line, column);
                    break;
                default:
                    continue;
            }

            if (stack.TryPop(out var parent))
            {
                if (parent.Container is LockMap map)
                {
                    map.Add(parent.Key!, value);
                }
                else
                {
                    ((LockSequence)parent.Container).Items.Add(value);
                }

                stack.Push((parent.Container, null));
            }
            else
            {
                root = value;
            }

            if (value is LockMap or LockSequence)
            {
                stack.Push((value, null));
            }
        }

        return root ?? throw new FormatError(1, 1, "the file is empty");
    }

    /// <summary>Turns byte offsets into line/column; offsets only grow, so the whole file is scanned once.</summary>
    private struct LineTracker()
    {
        private int scanned;
        private int line = 1;
        private int lineStart;

        public (int Line, int Column) Locate(ReadOnlySpan<byte> utf8, int offset)
        {
            while (scanned < offset)
            {
                var next = utf8[scanned..offset].IndexOf((byte)'\n');
                if (next < 0)
                {
                    scanned = offset;
                    break;
                }

                scanned += next + 1;
                line++;
                lineStart = scanned;
            }

            return (line, offset - lineStart + 1);
        }
    }
}
