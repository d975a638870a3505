using System.Text.RegularExpressions;
using NuGet.Versioning;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Versioning.Npm;

namespace Vigil.Core.Reports;

/// <summary>Checks a submission as a whole; every problem is named by its field
/// (<c>packages[0].affectedVersions</c>).</summary>
internal static partial class ReportInputValidation
{
    public const int MaxPackages = 20, MaxTitle = 200, MaxText = 100_000;

    public static (double? Score, string? Severity) Check(ProgramEntity program, SubmitReportRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (request.Packages is null || (request.Packages.Count == 0 && request.Channel != ReportChannel.Mail))
        {
            Add("packages", "name at least one affected package.");
        }
        else if (request.Packages.Count > MaxPackages)
        {
            Add("packages", $"at most {MaxPackages} packages per report.");
        }
        else
        {
            for (var i = 0; i < request.Packages.Count; i++)
            {
                CheckPackage(program, request.Packages[i], $"packages[{i}]", Add);
            }
        }
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            Add("title", "a title is required.");
        }
        else if (request.Title.Trim().Length > MaxTitle)
        {
            Add("title", $"at most {MaxTitle} characters.");
        }
        if (string.IsNullOrWhiteSpace(request.Description))
        {
            Add("description", "describe the vulnerability (Markdown).");
        }
        else if (request.Description.Length > MaxText)
        {
            Add("description", $"at most {MaxText:N0} characters.");
        }
        if (request.ProofOfConcept?.Length > MaxText)
        {
            Add("proofOfConcept", $"at most {MaxText:N0} characters.");
        }
        else if (program.RequireProofOfConcept)
        {
            // By e-mail everything is in the message's body: the check reads it instead of a separate field.
            var mail = request.Channel == ReportChannel.Mail;
            if (!(mail && errors.ContainsKey("description"))
                && ProofOfConcept.Check(mail ? request.Description : request.ProofOfConcept) is { } why)
            {
                Add("proofOfConcept", $"this program requires a proof of concept{(mail ? " in the message" : "")}: "
                    + $"{ProofOfConcept.Expected} ({why}).");
            }
        }
        double? score = null;
        string? severity = null;
        if (!string.IsNullOrWhiteSpace(request.CvssVector))
        {
            if (!Cvss.Cvss.TryParse(request.CvssVector.Trim(), out var vector, out var error))
            {
                Add("cvssVector", error);
            }
            else if (vector.Version is not (Cvss.CvssVersion.V3_1 or Cvss.CvssVersion.V3_0 or Cvss.CvssVersion.V4_0))
            {
                Add("cvssVector", "give a CVSS 3.1 or 4.0 vector.");
            }
            else
            {
                (score, severity) = (vector.BaseScore, vector.Severity.ToString());
            }
        }
        if (!string.IsNullOrWhiteSpace(request.Cwe) && !CwePattern().IsMatch(request.Cwe.Trim()))
        {
            Add("cwe", $"'{request.Cwe}' is not a CWE id (CWE-<number>, e.g. CWE-79).");
        }
        if (!string.IsNullOrWhiteSpace(request.ReporterEmail)
            && (!System.Net.Mail.MailAddress.TryCreate(request.ReporterEmail.Trim(), out _)
                || request.ReporterEmail.Length > 320))
        {
            Add("reporterEmail", "not an e-mail address.");
        }
        if (request.CreditName?.Length > 200)
        {
            Add("creditName", "at most 200 characters.");
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(
                "The report is incomplete or invalid: "
                + $"{string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}"))}",
                errors);
        }
        return (score, severity);
    }

    private static void CheckPackage(
        ProgramEntity program, ReportPackageInput package, string path, Action<string, string> add)
    {
        if (package.Ecosystem is not ("npm" or "NuGet"))
        {
            add($"{path}.ecosystem", $"'{package.Ecosystem}' is not an ecosystem Vigil handles (npm, NuGet).");
            return;
        }
        if (string.IsNullOrWhiteSpace(package.Name) || package.Name.Trim().Length > 214)
        {
            add($"{path}.name", "a package name of 1–214 characters is required.");
            return;
        }
        if (!ProgramPolicy.InScope(program, package.Ecosystem, package.Name.Trim()))
        {
            add(
                $"{path}.name",
                $"{package.Ecosystem}/{package.Name.Trim()} is not in the scope of the program '{program.Name}'.");
        }
        var versions = package.AffectedVersions?.Trim();
        var valid = !string.IsNullOrEmpty(versions) && versions.Length <= 500 && (package.Ecosystem == "npm"
            ? NpmRange.TryParse(versions, NpmSemverOptions.NpmAudit, out _)
            : VersionRange.TryParse(versions, out _) || NuGetVersion.TryParse(versions, out _));
        if (valid && Publication.EcosystemVersions.For(package.Ecosystem)!.ParseRange(versions!) is { Count: 0 })
        {
            add(
                $"{path}.affectedVersions",
                $"'{versions}' names no version (its lower bound lies above its upper bound).");
            return;
        }
        if (!valid)
        {
            add($"{path}.affectedVersions", package.Ecosystem == "npm"
                ? $"'{versions}' is not an npm version range (e.g. <=1.4.1 or >=2.0.0 <2.3.0)."
                : $"'{versions}' is not a NuGet version or range (e.g. [1.0.0, 1.4.2)).");
        }
    }

    [GeneratedRegex("^CWE-[1-9][0-9]{0,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex CwePattern();
}
