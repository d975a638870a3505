using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Operations;

/// <summary>
/// Configuration section <c>Vigil:RateLimit</c>: a fixed window of requests per client IP address. The defaults
/// are generous (a busy CI or a benchmark on one address stays under them); lower them on a public server.
/// Anonymous report intake has its own, much lower limit (<see cref="ReportIntakeLimit"/>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Vigil:RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests one client address may make per window.</summary>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 20_000;

    /// <summary>Length of the window, in seconds.</summary>
    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>
    /// Anonymous report submissions (API or form, accepted or not) one client address may make per intake window.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int IntakePermitLimit { get; set; } = 5;

    /// <summary>Length of the intake window, in seconds.</summary>
    [Range(1, 86_400)]
    public int IntakeWindowSeconds { get; set; } = 600;
}
