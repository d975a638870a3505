using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// The Node.js Security WG database (nodejs/security-wg <c>vuln/</c>) as Vigil maps it to OSV: ids,
/// sources, where WG fields live in the OSV document, and the small conventions both directions share.
/// docs/importers.md has the full field table.
/// </summary>
internal static partial class NswgFormat
{
    /// <summary>vuln/README.md: ecosystem vulnerabilities are referred to as NSWG-ECO-&lt;ID&gt;, core ones as
    /// NSWG-COR-&lt;ID&gt;.</summary>
    public const string NpmIdPrefix = "NSWG-ECO-";
    public const string CoreIdPrefix = "NSWG-COR-";
    public const string NpmSource = "nswg-npm";
    public const string CoreSource = "nswg-core";

    /// <summary>OSV <c>details</c> = overview + this heading + recommendation (Markdown).</summary>
    public const string RecommendationHeading = "\n\n## Recommendation\n\n";

    /// <summary>The WG's ecosystem program took reports on HackerOne; <c>author.username</c> is a HackerOne
    /// handle.</summary>
    public const string HackerOneProfile = "https://hackerone.com/";

    // Keys under database_specific (top level) and affected[0].database_specific.
    public const string CreatedAt = "created_at";
    public const string CvssScore = "cvss_score";
    public const string Severity = "severity";
    public const string CweIds = "cwe_ids";
    public const string Runtime = "nodejs_runtime";
    public const string RuntimeVulnerable = "vulnerable";
    public const string RuntimePatched = "patched";
    public const string RuntimeEnvironments = "affected_environments";
    public const string VulnerableVersions = "vulnerable_versions";
    public const string PatchedVersions = "patched_versions";

    /// <summary>
    /// An npm record with no date at all gets this fixed instant as <c>modified</c> (the WG exporter writes
    /// <c>updated_at</c> from it, so it must stay what the record implies). Core entries carry no dates and are
    /// stored with the first-seen instant instead.
    /// </summary>
    public static readonly DateTimeOffset UnknownModified = DateTimeOffset.UnixEpoch;

    public static bool TryParseDate(string text, out DateTimeOffset value)
    {
        if (DateTime.TryParseExact(
            text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            value = new DateTimeOffset(day, TimeSpan.Zero);
            return true;
        }
        return DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
    }

    public static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? JoinDetails(string? overview, string? recommendation) =>
        recommendation is null ? overview : (overview ?? "") + RecommendationHeading + recommendation;

    /// <summary>The inverse of <see cref="JoinDetails"/>: the last heading splits (an overview rarely holds
    /// one).</summary>
    public static (string? Overview, string? Recommendation) SplitDetails(string? details)
    {
        var at = details?.LastIndexOf(RecommendationHeading, StringComparison.Ordinal) ?? -1;
        return at < 0 ? (details, null) : (details![..at], details[(at + RecommendationHeading.Length)..]);
    }

    /// <summary>
    /// OSV reference types for the WG's bare URLs: commits, pull requests and compares are FIX; CVE
    /// records, security advisories and release announcements are ADVISORY; issues and HackerOne reports
    /// are REPORT; registry pages are PACKAGE; anything else is WEB.
    /// </summary>
    public static string ReferenceType(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "WEB";
        }
        var host = uri.Host.ToLowerInvariant();
        var path = uri.AbsolutePath;
        if (FixPath().IsMatch(path))
        {
            return "FIX";
        }
        if (host is "nvd.nist.gov" or "cve.mitre.org" or "www.cve.org" or "nodesecurity.io"
            || path.Contains("/advisories/", StringComparison.Ordinal)
            || (host == "nodejs.org" && path.Contains("/vulnerability/", StringComparison.Ordinal))
            || (host.EndsWith("snyk.io", StringComparison.Ordinal)
                && path.StartsWith("/vuln", StringComparison.Ordinal)))
        {
            return "ADVISORY";
        }
        if ((host == "hackerone.com" && path.StartsWith("/reports/", StringComparison.Ordinal))
            || path.Contains("/issues/", StringComparison.Ordinal))
        {
            return "REPORT";
        }
        return host is "npmjs.com" or "www.npmjs.com" or "npmjs.org" or "www.npmjs.org"
            && path.StartsWith("/package/", StringComparison.Ordinal)
            ? "PACKAGE"
            : "WEB";
    }

    /// <summary>The number in NSWG-ECO-12 / NSWG-COR-7, from the id or else an alias.</summary>
    public static long? Number(string prefix, string id, IEnumerable<string>? aliases) =>
        new[] { id }.Concat(aliases ?? [])
            .Where(candidate => candidate.StartsWith(prefix, StringComparison.Ordinal))
            .Select(
                candidate => long.TryParse(
                    candidate.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : (long?)null)
            .FirstOrDefault(n => n is not null);

    public static bool IsNumberName(string name) =>
        name.Length > 0 && name.All(char.IsAsciiDigit) && (name == "0" || name[0] != '0');

    [GeneratedRegex(@"/(commit|commits|pull|merge_requests|compare)/")]
    private static partial Regex FixPath();
}
