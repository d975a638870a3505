namespace Vigil.Core.Publication;

/// <summary>
/// Everything an advisory is made of when Vigil publishes it: from a report at the end of the disclosure
/// process, or added directly by the team (which needs supporting references: docs/publication.md).
/// Text is Markdown; <see cref="CvssVector"/> is CVSS 3.x or 4.0; <see cref="Cwes"/> are <c>CWE-n</c> ids.
/// </summary>
public sealed record AdvisoryDraft(
    string Summary,
    string Details,
    IReadOnlyList<DraftPackage> Packages,
    string? CvssVector = null,
    IReadOnlyList<string>? Cwes = null,
    IReadOnlyList<DraftReference>? References = null,
    IReadOnlyList<DraftCredit>? Credits = null,
    IReadOnlyList<string>? Aliases = null);

/// <summary>
/// One affected package. The publication rule (docs/publication.md): "If no fixed version exists then, the
/// vulnerable range is open-ended (<c>*</c> / no <c>fixed</c> event); otherwise it ends at the last
/// vulnerable version." A package is affected in one or more <see cref="DraftInterval"/>s; the short form
/// gives one: from <see cref="Introduced"/> (<c>0</c>: every version) to before <see cref="Fixed"/>, or to
/// <see cref="LastAffected"/> inclusive, or without end. A report's package is published through
/// <see cref="PublishedRange.Derive"/>, which fills <see cref="Intervals"/>.
/// </summary>
public sealed record DraftPackage(
    string Ecosystem, string Name, string Introduced = "0", string? Fixed = null, string? LastAffected = null,
    IReadOnlyList<DraftInterval>? Intervals = null)
{
    /// <summary>Every interval the package is affected in, in version order.</summary>
    public IReadOnlyList<DraftInterval> AllIntervals =>
        Intervals ?? [new DraftInterval(Introduced, Fixed, LastAffected)];
}

/// <summary>Affected from <see cref="Introduced"/> until before <see cref="Fixed"/>, through
/// <see cref="LastAffected"/>, or without end.</summary>
public sealed record DraftInterval(string Introduced = "0", string? Fixed = null, string? LastAffected = null);

/// <summary>An OSV reference: <see cref="Type"/> is one of OSV's reference types (WEB, FIX, ADVISORY, REPORT,
/// …).</summary>
public sealed record DraftReference(string Type, string Url);

/// <summary>An OSV credit: <see cref="Type"/> is one of OSV's credit types (FINDER, REPORTER, COORDINATOR,
/// REMEDIATION_DEVELOPER, …).</summary>
public sealed record DraftCredit(string Name, string Type, IReadOnlyList<string>? Contact = null);

/// <summary>Where a draft comes from: the process (a report) or the team directly (docs/publication.md).</summary>
public enum DraftOrigin
{
    Report,
    Direct,
}
