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

    public LockMap AsMap(string what) => this as LockMap ?? throw Expected("a mapping", what);

    public string AsString(string what) => Text ?? throw Expected("a string", what);

    /// <summary>The string value, or null when this is not a non-null string; hot paths use it so
    /// they build the error context only when they throw.</summary>
    public string? Text => this is LockScalar { IsNull: false, IsText: true } s ? s.Value : null;

    public FormatError Expected(string kind, string what) =>
        FormatError.At(this, $"expected {kind} for {what}, found {Description}");
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

    public bool IsNull =>
        Kind == ScalarKind.JsonNull || (Kind == ScalarKind.Plain && Value is "" or "~" or "null" or "Null" or "NULL");

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
    // Most mappings in a lockfile are small (one package's fields), so a dictionary is only built
    // past this many keys: it keeps a 2,000-package file from allocating thousands of hash tables.
    private const int LinearLimit = 8;

    private readonly List<KeyValuePair<LockScalar, LockNode>> entries = [];
    private Dictionary<string, int>? index;

    public IReadOnlyList<KeyValuePair<LockScalar, LockNode>> Entries => entries;

    public override string Description => "a mapping";

    /// <summary>
    /// Duplicate keys are an error rather than "last wins": a lockfile that lists the same package
    /// twice is corrupt or crafted, and silently picking one could hide the vulnerable copy.
    /// </summary>
    public void Add(LockScalar key, LockNode value)
    {
        if (IndexOf(key.Value) is var existing and >= 0)
        {
            var first = entries[existing].Key;
            throw FormatError.At(key, $"duplicate key '{key.Value}' (first at line {first.Line})");
        }

        entries.Add(new(key, value));
        if (index is not null)
        {
            index[key.Value] = entries.Count - 1;
        }
        else if (entries.Count > LinearLimit)
        {
            index = new Dictionary<string, int>(entries.Count * 2, StringComparer.Ordinal);
            for (var i = 0; i < entries.Count; i++)
            {
                index[entries[i].Key.Value] = i;
            }
        }
    }

    /// <summary>The value of a key; null when the key is absent or its value is null.</summary>
    public LockNode? Get(string key) =>
        IndexOf(key) is var i and >= 0 && entries[i].Value is not LockScalar { IsNull: true } ? entries[i].Value : null;

    public LockMap? Map(string key) => Get(key) switch
    {
        null => null,
        LockMap map => map,
        var other => throw other.Expected("a mapping", $"'{key}'"),
    };

    public string? String(string key) => Get(key) switch
    {
        null => null,
        var node => node.Text ?? throw node.Expected("a string", $"'{key}'"),
    };

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
            yield return (k, v.Text ?? throw v.Expected("a string", $"'{k.Value}' in '{key}'"));
        }
    }

    private int IndexOf(string key)
    {
        if (index is not null)
        {
            return index.TryGetValue(key, out var i) ? i : -1;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
