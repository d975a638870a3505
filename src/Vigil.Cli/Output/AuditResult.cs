using Vigil.Core.Audit;
using Vigil.Lockfiles;

namespace Vigil.Cli.Output;

/// <summary>
/// Everything the audit outputs (table, JSON, SARIF) show: the report with its findings in
/// <see cref="FindingOrder"/>, the lockfiles that could not be read, and the advisories' links.
/// </summary>
/// <param name="Root">
/// The audited directory (a lockfile's folder when PATH is a file); shown paths are relative to it.
/// </param>
internal sealed record AuditResult(
    AuditReport Report,
    IReadOnlyList<AuditFinding> Findings,
    IReadOnlyList<LockfileException> Errors,
    string Root,
    IReadOnlyDictionary<string, AdvisoryLinks> Advisories)
{
    public static AuditResult Create(AuditReport report, IReadOnlyList<LockfileException> errors, string root,
        IReadOnlyDictionary<string, AdvisoryLinks> advisories) =>
        new(report, FindingOrder.Sort(report.Findings), errors, root, advisories);

    /// <summary>Each lockfile's shown path, worked out once: every finding names its lockfiles.</summary>
    private readonly Dictionary<string, string> _shown = new(StringComparer.Ordinal);

    /// <summary>
    /// A lockfile path relative to <see cref="Root"/>, with '/' on every OS (it doubles as a SARIF URI).
    /// </summary>
    public string Display(string path)
    {
        if (!_shown.TryGetValue(path, out var shown))
        {
            _shown[path] = shown = Path.GetRelativePath(Root, Path.GetFullPath(path)).Replace('\\', '/');
        }
        return shown;
    }

    public AdvisoryLinks Links(string id) => Advisories.TryGetValue(id, out var links) ? links : AdvisoryLinks.None;

    /// <summary>The project's Node.js version when its release line has reached its end of life, else null.</summary>
    public EndedRuntime? EndedRuntime { get; init; }
}

/// <summary>
/// A Node.js version whose release line gets no more fixes: the version, where it came from, the line and its end
/// of life.
/// </summary>
internal sealed record EndedRuntime(string Version, string From, string Line, DateOnly EndOfLife);

/// <summary>Where to read more about an advisory, and its long description (for SARIF's rule help).</summary>
internal sealed record AdvisoryLinks(string? Url, string? Details)
{
    public static readonly AdvisoryLinks None = new(null, null);

    /// <summary>For an output that shows no links: none read.</summary>
    public static readonly IReadOnlyDictionary<string, AdvisoryLinks> NoneRead =
        new Dictionary<string, AdvisoryLinks>();
}
