using Vigil.Core.Advisories.Osv;

namespace Vigil.Web.Tests.Compat.NuGet;

/// <summary>Made-up NuGet advisories: one affected package, ranges written as "introduced:1.0.0 fixed:2.0.0;
/// introduced:3.0.0".</summary>
internal static class NuGetAdvisories
{
    public static readonly DateTimeOffset Modified = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    public static OsvVulnerability Make(string id, string package, string severity, string ranges,
        DateTimeOffset? withdrawn = null, DateTimeOffset? modified = null, List<string>? versions = null) => new()
        {
            Id = id,
            Modified = modified ?? Modified,
            Withdrawn = withdrawn,
            Summary = $"Made-up {id}",
            DatabaseSpecific = new() { ["severity"] = severity },
            Affected =
        [
            new OsvAffected
            {
                Package = new OsvPackage { Ecosystem = "NuGet", Name = package },
                Ranges = ranges.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(r => new OsvRangeModel { Type = "ECOSYSTEM", Events = r.Split(' ').Select(Event).ToList() })
                    .ToList(),
                Versions = versions,
            },
        ],
        };

    private static OsvEventModel Event(string text)
    {
        var (kind, version) = (text[..text.IndexOf(':')], text[(text.IndexOf(':') + 1)..]);
        return kind switch
        {
            "introduced" => new() { Introduced = version },
            "fixed" => new() { Fixed = version },
            "last_affected" => new() { LastAffected = version },
            _ => new() { Limit = version },
        };
    }
}
