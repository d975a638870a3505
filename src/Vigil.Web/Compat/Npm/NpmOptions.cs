using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Compat.Npm;

/// <summary>Configuration section <c>Vigil:Npm</c>.</summary>
public sealed class NpmOptions
{
    public const string Section = "Vigil:Npm";

    /// <summary>
    /// An npm registry (http or https base URL) whose package metadata Vigil passes through for
    /// <c>GET /&lt;name&gt;</c>, so `npm audit --registry &lt;vigil&gt;` can compute ranges and fixes. Unset: 404.
    /// </summary>
    [Url]
    public string? Upstream { get; set; }

    /// <summary>The longest a packument request to the upstream may take, headers and body together.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
