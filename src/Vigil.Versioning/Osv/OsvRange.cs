namespace Vigil.Versioning.Osv;

/// <summary>An OSV range event kind (<c>affected[].ranges[].events[]</c>: exactly one key each).</summary>
public enum OsvEventKind
{
    Introduced,
    Fixed,
    LastAffected,
    Limit,
}

/// <summary>One OSV range event. <c>introduced: "0"</c> sorts before every version; <c>limit: "*"</c> is
/// infinity.</summary>
public sealed record OsvEvent(OsvEventKind Kind, string Version)
{
    public static OsvEvent Introduced(string version) => new(OsvEventKind.Introduced, version);

    public static OsvEvent Fixed(string version) => new(OsvEventKind.Fixed, version);

    public static OsvEvent LastAffected(string version) => new(OsvEventKind.LastAffected, version);

    public static OsvEvent Limit(string version) => new(OsvEventKind.Limit, version);

    /// <summary>The OSV JSON key of <see cref="Kind"/>.</summary>
    public string Key => Kind switch
    {
        OsvEventKind.Introduced => "introduced",
        OsvEventKind.Fixed => "fixed",
        OsvEventKind.LastAffected => "last_affected",
        _ => "limit",
    };

    public override string ToString() => $"{{\"{Key}\":\"{Version}\"}}";
}

/// <summary>An OSV <c>affected[].ranges[]</c> entry: <see cref="Type"/> is SEMVER, ECOSYSTEM or GIT.</summary>
public sealed record OsvRange(string Type, IReadOnlyList<OsvEvent> Events)
{
    public const string Semver = "SEMVER";
    public const string Ecosystem = "ECOSYSTEM";
    public const string Git = "GIT";

    public override string ToString() => $"{Type} [{string.Join(", ", Events)}]";
}

/// <summary>
/// The version-matching part of an OSV <c>affected[]</c> entry: its package ecosystem
/// (e.g. <c>npm</c>, <c>NuGet</c>), ranges and explicit <c>versions[]</c>.
/// </summary>
public sealed record OsvAffected(string Ecosystem, IReadOnlyList<OsvRange> Ranges, IReadOnlyList<string> Versions)
{
    /// <summary>
    /// OSV schema § Evaluation <c>IsVulnerable</c> for this entry: "IncludedInVersions(v,
    /// affected.versions) || IncludedInRanges(v, affected.ranges)".
    /// </summary>
    public bool IsAffected(string version) => OsvRangeEvaluation.IsAffected(this, version);
}
