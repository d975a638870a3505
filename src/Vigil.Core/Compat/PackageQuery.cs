using Vigil.Core.Advisories;

namespace Vigil.Core.Compat;

/// <summary>
/// One package to look up. <see cref="Ecosystem"/> null means any ecosystem (osv.dev allows a name + version
/// without one); <see cref="Versions"/> null means every advisory of the package, an empty list means none.
/// </summary>
public sealed record PackageQuery(string? Ecosystem, string Name, IReadOnlyList<string>? Versions);

/// <summary>One matching affected entry (an advisory can match through several entries for one package).</summary>
public sealed record AffectingMatch(
    long AdvisoryNumber, int Index, string Id, DateTimeOffset Modified, string Ecosystem, string Name, string? NpmRange,
    AdvisorySeverity Severity, double? CvssScore, string? CvssVector, string? Summary, string? FixedVersion = null);
