using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Operations;

/// <summary>
/// Configuration section <c>Vigil:Limits</c>: what a request may cost before the server refuses it. The size after
/// decompression is capped separately by <c>Vigil:MaxDecompressedBodyBytes</c> (<see cref="ServerOptions"/>).
/// The caps below bound the work of the public parsers (npm audit, OSV), so that what a request costs grows
/// linearly with its size and stops at a known size; past one the answer is 400 or 413 naming the setting.
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

    /// <summary>Packages in one npm bulk request (413 above it).</summary>
    [Range(1, 10_000_000)]
    public int MaxPackagesPerRequest { get; set; } = 50_000;

    /// <summary>Versions of one package in one npm bulk request (413 above it).</summary>
    [Range(1, 1_000_000)]
    public int MaxVersionsPerPackage { get; set; } = 1_000;

    /// <summary>Installed packages plus root requirements in one npm audit tree (413 above it).</summary>
    [Range(1, 10_000_000)]
    public int MaxAuditNodes { get; set; } = 100_000;

    /// <summary>How many packages deep an npm audit tree may nest (400 deeper).</summary>
    [Range(1, 1_000)]
    public int MaxAuditDepth { get; set; } = 128;

    /// <summary>
    /// The characters of every <c>a&gt;b&gt;c</c> path of an npm audit tree together (413 above it). A path repeats
    /// its parent's, so this, not the body's size, bounds what the report's paths cost.
    /// </summary>
    [Range(1024, int.MaxValue)]
    public long MaxAuditPathChars { get; set; } = 16 * 1024 * 1024;

    /// <summary>Longest package name in an npm or OSV request (400 above it); npm's own names stop at 214.</summary>
    [Range(1, 100_000)]
    public int MaxPackageNameChars { get; set; } = 512;

    /// <summary>
    /// Longest version or version range in an npm or OSV request (400 above it); node-semver's own limit is 256.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxVersionChars { get; set; } = 256;
}
