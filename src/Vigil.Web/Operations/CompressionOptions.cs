namespace Vigil.Web.Operations;

/// <summary>Configuration section <c>Vigil:Compression</c> (gzip and brotli responses).</summary>
public sealed class CompressionOptions
{
    public const string Section = "Vigil:Compression";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Compress over https too. Off by default: compressing a page that mixes a secret (an antiforgery token, a
    /// session-bound value) with text an attacker controls leaks the secret (BREACH). Behind a TLS-terminating
    /// proxy the server sees http and compresses anyway; let the proxy decide there.
    /// </summary>
    public bool EnableForHttps { get; set; }
}
