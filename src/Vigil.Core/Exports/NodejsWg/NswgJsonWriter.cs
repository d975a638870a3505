using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Core.Exports.NodejsWg;

/// <summary>
/// Writes JSON the way the WG's files were written (Python's <c>json.dumps(obj, indent=2,
/// ensure_ascii=False)</c>, and <c>separators=(',', ':')</c> for <c>npm/index.json</c>): two-space
/// indent, ", " never at line ends, non-ASCII characters as themselves, only <c>"</c>, <c>\</c> and
/// control characters escaped, numbers exactly as stored. <c>npm/index.json</c> was written by
/// JavaScript instead (<c>JSON.stringify</c>), which spells 5.0 as 5; <see cref="Compact"/> does the same.
/// So unchanged records come out byte-identical.
/// </summary>
internal static class NswgJsonWriter
{
    public static string Indented(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, indent: 0, pretty: true);
        return sb.ToString();
    }

    /// <summary>No whitespace at all, numbers as JavaScript prints them (<c>JSON.stringify</c>).</summary>
    public static string Compact(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, indent: 0, pretty: false);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int indent, bool pretty)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                Container(sb, '{', '}', obj.Count, obj.Select(p => ((string?)p.Key, p.Value)), indent, pretty);
                break;
            case JsonArray array:
                Container(sb, '[', ']', array.Count, array.Select(item => ((string?)null, item)), indent, pretty);
                break;
            default:
                Value(sb, node.AsValue(), pretty);
                break;
        }
    }

    private static void Container(
        StringBuilder sb,
        char open,
        char close,
        int count,
        IEnumerable<(string? Key, JsonNode? Value)> items,
        int indent,
        bool pretty)
    {
        sb.Append(open);
        if (count == 0)
        {
            sb.Append(close);
            return;
        }
        var first = true;
        foreach (var (key, value) in items)
        {
            if (!first)
            {
                sb.Append(',');
            }
            first = false;
            if (pretty)
            {
                sb.Append('\n').Append(' ', indent + 2);
            }
            if (key is not null)
            {
                String(sb, key);
                sb.Append(pretty ? ": " : ":");
            }
            Write(sb, value, indent + 2, pretty);
        }
        if (pretty)
        {
            sb.Append('\n').Append(' ', indent);
        }
        sb.Append(close);
    }

    private static void Value(StringBuilder sb, JsonValue value, bool pythonNumbers)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                String(sb, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Null:
                sb.Append("null");
                break;
            default:
                var text = value.ToJsonString(); // a number, spelled as it was read
                sb.Append(pythonNumbers ? text : JavaScriptNumber(text));
                break;
        }
    }

    /// <summary>ECMAScript Number::toString for the numbers the WG uses: the shortest round-trip form, 5.0 as
    /// 5.</summary>
    private static string JavaScriptNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && Math.Abs(value) is 0 or (>= 1e-6 and < 1e21)
            ? value.ToString("R", CultureInfo.InvariantCulture)
            : text;

    /// <summary>Python's <c>py_encode_basestring</c>: escape <c>"</c>, <c>\</c> and U+0000–U+001F only.</summary>
    private static void String(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}
