using Vigil.Core.Advisories;

namespace Vigil.Core.Audit;

/// <summary>Collects one finding; an advisory may list the same package in several affected entries.</summary>
internal sealed class FindingBuilder(AffectedRow row, InstalledVersion installed)
{
    private readonly List<string> _ranges = [];
    private string? _fixed;

    public long AdvisoryNumber => row.AdvisoryNumber;

    public void AddRange(string? npmRange, string? fixedVersion)
    {
        if (npmRange is not null && !_ranges.Contains(npmRange))
        {
            _ranges.Add(npmRange);
        }
        _fixed ??= fixedVersion;
    }

    public AuditFinding Build(AuditedAdvisory advisory, IReadOnlyList<string> aliases) => new(
        advisory.Id,
        aliases,
        row.Ecosystem,
        row.Name,
        installed.Version,
        // npm's default for a missing severity
        advisory.Severity == AdvisorySeverity.Unknown ? AdvisorySeverity.High : advisory.Severity,
        advisory.CvssScore,
        advisory.CvssVector,
        advisory.Summary,
        _ranges.Count == 0 ? null : string.Join(" || ", _ranges),
        _fixed,
        installed.Paths(),
        installed.Dev,
        installed.Lockfiles);
}
