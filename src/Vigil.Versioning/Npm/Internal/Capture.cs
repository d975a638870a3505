namespace Vigil.Versioning.Npm.Internal;

/// <summary>A regex capture group: <c>[Start, End)</c>, or not participating (JS <c>undefined</c>).</summary>
internal readonly record struct Capture(int Start, int End)
{
    public static readonly Capture None = new(-1, -1);

    public bool Matched => Start >= 0;

    /// <summary>JS <c>!id</c>: an absent or empty capture.</summary>
    public bool IsEmpty => End <= Start;

    public string Text(string s) => Matched ? s[Start..End] : string.Empty;

    public ReadOnlySpan<char> Span(ReadOnlySpan<char> s) => Matched ? s[Start..End] : [];
}

/// <summary>Captures of node-semver's FULLPLAIN / LOOSEPLAIN / XRANGEPLAIN tokens.</summary>
internal readonly record struct PlainMatch(
    int Start, int End, Capture Major, Capture Minor, Capture Patch, Capture Prerelease, Capture Build)
{
    public static readonly PlainMatch Fail = new(
        -1, -1, Capture.None, Capture.None, Capture.None, Capture.None, Capture.None);

    public bool Success => End >= 0;
}
