using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Operations;

/// <summary>
/// Configuration section <c>Vigil:Limits</c>: what a request may cost before the server refuses it. The size after
/// decompression is capped separately by <c>Vigil:MaxDecompressedBodyBytes</c> (<see cref="ServerOptions"/>).
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Vigil:Limits";

    /// <summary>Largest request body on the wire (413 above it).</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Time a client has to send all request headers (Kestrel closes the connection after it).</summary>
    [Range(1, 600)]
    public int RequestHeadersTimeoutSeconds { get; set; } = 15;

    /// <summary>Slowest body upload accepted, after the grace period (slow-loris guard).</summary>
    [Range(1, 1_000_000)]
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    [Range(1, 600)]
    public int MinRequestBodyGraceSeconds { get; set; } = 5;
}
