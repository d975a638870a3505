using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Operations;

/// <summary>
/// Configuration section <c>Vigil:RateLimit</c>: a fixed window of requests per client IP address. The defaults
/// are generous (a busy CI or a benchmark on one address stays under them); lower them on a public server.
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
}
