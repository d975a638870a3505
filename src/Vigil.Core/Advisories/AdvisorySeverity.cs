namespace Vigil.Core.Advisories;

/// <summary>npm audit's five words, in increasing order; <see cref="Unknown"/> when nothing says.</summary>
public enum AdvisorySeverity
{
    Unknown = 0,
    Info = 1,
    Low = 2,
    Moderate = 3,
    High = 4,
    Critical = 5,
}

public static class AdvisorySeverityNames
{
    public static string ToNpmWord(this AdvisorySeverity severity) => severity switch
    {
        AdvisorySeverity.Info => "info",
        AdvisorySeverity.Low => "low",
        AdvisorySeverity.Moderate => "moderate",
        AdvisorySeverity.High => "high",
        AdvisorySeverity.Critical => "critical",
        _ => "unknown",
    };

    /// <summary>Reads npm's words and GitHub's (LOW, MODERATE, HIGH, CRITICAL) and CVSS's (medium).</summary>
    public static bool TryParse(string? word, out AdvisorySeverity severity)
    {
        severity = word?.Trim().ToLowerInvariant() switch
        {
            "info" or "none" or "informational" => AdvisorySeverity.Info,
            "low" => AdvisorySeverity.Low,
            "moderate" or "medium" => AdvisorySeverity.Moderate,
            "high" => AdvisorySeverity.High,
            "critical" => AdvisorySeverity.Critical,
            _ => AdvisorySeverity.Unknown,
        };
        return severity != AdvisorySeverity.Unknown;
    }
}
