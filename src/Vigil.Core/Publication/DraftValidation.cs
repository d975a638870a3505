using Vigil.Core.Advisories;
using Vigil.Core.Errors;

namespace Vigil.Core.Publication;

/// <summary>
/// Checks a draft before anything is written, and names every bad field (e.g. <c>packages[1].fixed</c>),
/// so a publication either happens whole or not at all.
/// </summary>
internal static class DraftValidation
{
    private static readonly HashSet<string> ReferenceTypes =
        [
            "ADVISORY", "ARTICLE", "DETECTION", "DISCUSSION", "REPORT", "FIX", "INTRODUCED", "GIT", "PACKAGE",
            "EVIDENCE", "WEB"
        ];

    private static readonly HashSet<string> CreditTypes =
    [
        "FINDER", "REPORTER", "ANALYST", "COORDINATOR", "REMEDIATION_DEVELOPER", "REMEDIATION_REVIEWER",
        "REMEDIATION_VERIFIER", "TOOL", "SPONSOR", "OTHER",
    ];

    public static bool IsCreditType(string type) => CreditTypes.Contains(type);

    public static bool IsReferenceType(string type) => ReferenceTypes.Contains(type);

    public static string CreditTypeList => string.Join(", ", CreditTypes);

    public static string ReferenceTypeList => string.Join(", ", ReferenceTypes);

    public static void Check(AdvisoryDraft draft, DraftOrigin origin)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(draft.Summary))
        {
            Add("summary", "a summary is required.");
        }
        else if (draft.Summary.Length > 200)
        {
            Add("summary", $"at most 200 characters ({draft.Summary.Length} given).");
        }
        if (draft.Packages.Count == 0)
        {
            Add("packages", "at least one affected package is required.");
        }
        for (var i = 0; i < draft.Packages.Count; i++)
        {
            CheckPackage(draft.Packages[i], $"packages[{i}]", Add);
        }
        if (draft.CvssVector is { } vector)
        {
            if (!Cvss.Cvss.TryParse(vector, out var parsed, out var cvssError))
            {
                Add("cvssVector", cvssError);
            }
            else if (parsed.Version == Cvss.CvssVersion.V2_0)
            {
                Add("cvssVector", "CVSS v2 is not accepted for new advisories; give a CVSS 3.1 or 4.0 vector.");
            }
        }
        foreach (var (cwe, i) in (draft.Cwes ?? []).Select((c, i) => (c, i)))
        {
            if (!CweIds.IsValid(cwe))
            {
                Add($"cwes[{i}]", $"'{cwe}' is not a CWE id (CWE-<number>).");
            }
        }
        var references = draft.References ?? [];
        if (origin == DraftOrigin.Direct && references.Count == 0)
        {
            // Vulnerabilities found outside the process can be added directly by the team, with supporting references.
            Add(
                "references",
                "an advisory added outside the disclosure process needs at least one supporting reference.");
        }
        for (var i = 0; i < references.Count; i++)
        {
            if (!ReferenceTypes.Contains(references[i].Type))
            {
                Add(
                    $"references[{i}].type",
                    $"'{references[i].Type}' is not an OSV reference type ({string.Join(", ", ReferenceTypes)}).");
            }
            if (!Uri.TryCreate(references[i].Url, UriKind.Absolute, out var url)
                || url.Scheme is not ("https" or "http"))
            {
                Add($"references[{i}].url", $"'{references[i].Url}' is not an http(s) URL.");
            }
        }
        foreach (var (credit, i) in (draft.Credits ?? []).Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(credit.Name))
            {
                Add($"credits[{i}].name", "a credit needs a name.");
            }
            if (!CreditTypes.Contains(credit.Type))
            {
                Add(
                    $"credits[{i}].type",
                    $"'{credit.Type}' is not an OSV credit type ({string.Join(", ", CreditTypes)}).");
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(
                $"The advisory cannot be published: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}"))}",
                errors);
        }
    }

    private static void CheckPackage(DraftPackage package, string path, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(package.Name))
        {
            add($"{path}.name", "a package name is required.");
        }
        if (EcosystemVersions.For(package.Ecosystem) is not { } versions)
        {
            add($"{path}.ecosystem", $"'{package.Ecosystem}' is not an ecosystem Vigil publishes to (npm, NuGet).");
            return;
        }
        var intervals = package.AllIntervals;
        if (intervals.Count == 0)
        {
            add($"{path}.intervals", "at least one affected interval is required.");
        }
        string? previousEnd = null;
        for (var i = 0; i < intervals.Count; i++)
        {
            var interval = intervals[i];
            var at = package.Intervals is null ? path : $"{path}.intervals[{i}]";
            if (interval.Fixed is not null && interval.LastAffected is not null)
            {
                // OSV schema: a range uses fixed or last_affected, never both.
                add($"{at}.lastAffected", "give either the fixed version or the last affected version, not both.");
            }
            if (interval.Introduced != "0" && !versions.IsVersion(interval.Introduced))
            {
                add($"{at}.introduced", $"'{interval.Introduced}' is not a {package.Ecosystem} version.");
                continue;
            }
            if (i > 0
                && (interval.Introduced == "0" || previousEnd is null
                    || versions.Compare(interval.Introduced, previousEnd) < 0))
            {
                add(
                    $"{at}.introduced",
                    $"'{interval.Introduced}' does not come after the end of the interval before it.");
            }
            previousEnd = null;
            foreach (var (field, value) in new[] { ("fixed", interval.Fixed), ("lastAffected", interval.LastAffected) })
            {
                if (value is null)
                {
                    continue;
                }
                if (!versions.IsVersion(value))
                {
                    add($"{at}.{field}", $"'{value}' is not a {package.Ecosystem} version.");
                }
                else if (interval.Introduced != "0" && versions.Compare(interval.Introduced, value) is var order
                    && (field == "fixed" ? order >= 0 : order > 0))
                {
                    add($"{at}.{field}", $"'{value}' comes before the first affected version '{interval.Introduced}'.");
                }
                else
                {
                    previousEnd = value;
                }
            }
            if (i < intervals.Count - 1 && previousEnd is null)
            {
                add($"{at}", "only the last interval may be open-ended.");
            }
        }
    }
}
