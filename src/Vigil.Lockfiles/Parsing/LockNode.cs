namespace Vigil.Lockfiles.Parsing;

/// <summary>
/// A parsed JSON/YAML/yarn-v1 value that remembers where it started, so that every "wrong shape"
/// error can name a line and column. Readers only use the typed accessors, which throw
/// <see cref="FormatError"/> with that position.
/// </summary>
internal abstract class LockNode(int line, int column)
{
    public int Line { get; } = line;
    public int Column { get; } = column;

    /// <summary>Used in messages: "expected a mapping for 'packages', found a list".</summary>
    public abstract string Description { get; }

    public LockMap AsMap(string what) =>
        this as LockMap ?? throw FormatError.At(this, $"expected a mapping for {what}, found {Description}");

    public string AsString(string what) =>
        this is LockScalar { IsNull: false, IsText: true } s
            ? s.Value
            : throw FormatError.At(this, $"expected a string for {what}, found {Description}");
}

internal enum ScalarKind
{
    /// <summary>A JSON string or a quoted YAML scalar.</summary>
    String,

    /// <summary>A plain (unquoted) YAML or yarn scalar: its type depends on how it is used.</summary>
    Plain,

    JsonNumber,
    JsonBoolean,
    JsonNull,
}

internal sealed class LockScalar(string value, ScalarKind kind, int line, int column) : LockNode(line, column)
{
    public string Value { get; } = value;
    public ScalarKind Kind { get; } = kind;

    public bool IsNull => Kind == ScalarKind.JsonNull || (Kind == ScalarKind.Plain && Value is "" or "~" or "null" or "Null" or "NULL");

    /// <summary>JSON numbers are not strings (npm would not write one); YAML plain scalars are.</summary>
    public bool IsText => Kind is ScalarKind.String or ScalarKind.Plain;

    public bool? AsBoolean() => Kind switch
    {
        ScalarKind.JsonBoolean or ScalarKind.Plain when Value is "true" or "True" or "TRUE" => true,
        ScalarKind.JsonBoolean or ScalarKind.Plain when Value is "false" or "False" or "FALSE" => false,
        _ => null,
    };

    public override string Description => Kind switch
    {
        ScalarKind.JsonNumber => $"the number {Value}",
        ScalarKind.JsonBoolean => $"the boolean {Value}",
        _ when IsNull => "null",
        _ => $"the string '{Shorten(Value)}'",
    };

    public override string ToString() => Value;

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

internal sealed class LockSequence(int line, int column) : LockNode(line, column)
{
    public List<LockNode> Items { get; } = [];

    public override string Description => "a list";
}

internal sealed class LockMap(int line, int column) : LockNode(line, column)
{
    private readonly List<KeyValuePair<LockScalar, LockNode>> entries = [];
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<LockScalar, LockNode>> Entries => entries;

    public override string Description => "a mapping";

    /// <summary>
    /// Duplicate keys are an error rather than "last wins": a lockfile that lists the same package
    /// twice is corrupt or crafted, and silently picking one could hide the vulnerable copy.
    /// </summary>
    public void Add(LockScalar key, LockNode value)
    {
        if (!index.TryAdd(key.Value, entries.Count))
        {
            var first = entries[index[key.Value]].Key;
            throw FormatError.At(key, $"duplicate key '{key.Value}' (first at line {first.Line})");
        }

        entries.Add(new(key, value));
    }

    /// <summary>The value of a key; null when the key is absent or its value is null.</summary>
    public LockNode? Get(string key) =>
        index.TryGetValue(key, out var i) && entries[i].Value is not LockScalar { IsNull: true } ? entries[i].Value : null;

    public LockMap? Map(string key) => Get(key)?.AsMap($"'{key}'");

    public string? String(string key) => Get(key)?.AsString($"'{key}'");

    public bool Bool(string key) => Get(key) switch
    {
        null => false,
        LockScalar s when s.AsBoolean() is { } b => b,
        var other => throw FormatError.At(other, $"expected true or false for '{key}', found {other.Description}"),
    };

    /// <summary>Name → string pairs, as in <c>dependencies: {minimist: 0.0.8}</c>.</summary>
    public IEnumerable<(LockScalar Key, string Value)> StringPairs(string key)
    {
        if (Map(key) is not { } map)
        {
            yield break;
        }

        foreach (var (k, v) in map.Entries)
        {
            yield return (k, v.AsString($"'{k.Value}' in '{key}'"));
        }
    }
}
