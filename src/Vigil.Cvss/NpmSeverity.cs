namespace Vigil.Cvss;

/// <summary>
/// The five severity words of <c>npm audit</c> (<c>info</c>, <c>low</c>, <c>moderate</c>, <c>high</c>,
/// <c>critical</c>), in increasing order so that levels compare like <c>npm audit --audit-level</c>.
/// </summary>
public enum NpmSeverity
{
    Info,
    Low,
    Moderate,
    High,
    Critical,
}

public static class NpmSeverityExtensions
{
    /// <summary>The word npm prints and stores, e.g. <c>moderate</c>.</summary>
    public static string ToNpmString(this NpmSeverity severity) => severity switch
    {
        NpmSeverity.Info => "info",
        NpmSeverity.Low => "low",
        NpmSeverity.Moderate => "moderate",
        NpmSeverity.High => "high",
        NpmSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "not an npm severity"),
    };
}
