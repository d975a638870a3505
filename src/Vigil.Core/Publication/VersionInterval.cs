namespace Vigil.Core.Publication;

/// <summary>One end of a <see cref="VersionInterval"/>: a version, counted in or not.</summary>
public sealed record VersionBound(string Version, bool Inclusive);

/// <summary>
/// One contiguous run of versions in an ecosystem's order: from <see cref="Lower"/> (none: from the very
/// first version) to <see cref="Upper"/> (none: every later version too).
/// </summary>
public sealed record VersionInterval(VersionBound? Lower, VersionBound? Upper)
{
    public override string ToString() => (Lower, Upper) switch
    {
        (null, null) => "*",
        (null, { } u) => (u.Inclusive ? "<=" : "<") + u.Version,
        ({ } l, null) => (l.Inclusive ? ">=" : ">") + l.Version,
        ({ } l, { } u) when l.Inclusive && u.Inclusive && l.Version == u.Version => l.Version,
        ({ } l, { } u) => $"{(l.Inclusive ? ">=" : ">")}{l.Version} {(u.Inclusive ? "<=" : "<")}{u.Version}",
    };
}
