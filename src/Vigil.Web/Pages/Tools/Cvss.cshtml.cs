using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Cvss;

namespace Vigil.Web.Pages.Tools;

/// <summary>
/// The CVSS calculator: pick the Base metrics of v3.1 or v4.0 (or paste a vector, any version Vigil.Cvss
/// reads) and get the vector, its base score and rating, computed as FIRST's specifications say. Works
/// without JavaScript: the form submits by GET, so a result is also a link to share. Nothing is stored.
/// </summary>
public sealed class CvssModel : PageModel
{
    public string Version { get; private set; } = "3.1";

    public IReadOnlyDictionary<string, string> Selected { get; private set; } = new Dictionary<string, string>();

    public string? Vector { get; private set; }

    public ICvssVector? Result { get; private set; }

    public string? Problem { get; private set; }

    public void OnGet(string? vector, string? version)
    {
        Version = version == "4.0" ? "4.0" : "3.1";
        if (!string.IsNullOrWhiteSpace(vector))
        {
            Read(vector.Trim().Length > 400 ? vector.Trim()[..400] : vector.Trim());
            return;
        }
        var metrics = CvssMetricLabels.For(Version);
        var chosen = metrics
            .Select(m => (m.Key, Value: Request.Query[m.Key].ToString()))
            .Where(m => m.Value.Length > 0)
            .ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        Selected = chosen;
        if (chosen.Count == 0)
        {
            return;
        }
        var missing = metrics.Where(m => !chosen.ContainsKey(m.Key)).Select(m => m.Name).ToList();
        if (missing.Count > 0)
        {
            Fail($"Choose a value for every Base metric; missing: {string.Join(", ", missing)}.");
            return;
        }
        Read($"CVSS:{Version}/" + string.Join('/', metrics.Select(m => $"{m.Key}:{chosen[m.Key]}")));
    }

    private void Read(string vector)
    {
        Vector = vector;
        if (!Cvss.Cvss.TryParse(vector, out var parsed, out var error))
        {
            Fail($"'{vector}' is not a CVSS vector: {error}.");
            return;
        }
        Result = parsed;
        Version = parsed.Version == CvssVersion.V4_0 ? "4.0" : "3.1";
        Selected = parsed.Metrics.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
    }

    private void Fail(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
