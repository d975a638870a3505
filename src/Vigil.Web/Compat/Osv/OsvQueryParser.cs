using Vigil.Core.Advisories.Osv;
using Vigil.Core.Matching;
using Vigil.Web.Operations;

namespace Vigil.Web.Compat.Osv;

/// <summary>
/// Validates one OSV query the way osv.dev does (go/internal/api/query_affected.go parseQuery; docs/api.md)
/// and turns it into a <see cref="PackageQuery"/>. A null query with no error means
/// "valid, but nothing here can match": a purl of a type OSV does not know, or a commit (Vigil holds no git ranges).
/// Names and versions longer than <see cref="LimitsOptions"/> allows are refused before anything is matched.
/// </summary>
internal static class OsvQueryParser
{
    public static bool TryParse(OsvQueryRequest? request, LimitsOptions limits, out PackageQuery? query,
        out string? error)
    {
        if (!TryParse(request, out query, out error))
        {
            return false;
        }
        error = query switch
        {
            { Name.Length: var length } when length > limits.MaxPackageNameChars =>
                $"package name is longer than {limits.MaxPackageNameChars} characters "
                + "(Vigil:Limits:MaxPackageNameChars)",
            { Versions: [{ Length: var length }] } when length > limits.MaxVersionChars =>
                $"version is longer than {limits.MaxVersionChars} characters (Vigil:Limits:MaxVersionChars)",
            _ => null,
        };
        return error is null;
    }

    private static bool TryParse(OsvQueryRequest? request, out PackageQuery? query, out string? error)
    {
        query = null;
        error = null;
        if (request is null || (request.Package is null && request.Version is null && request.Commit is null))
        {
            error = "no query provided";
            return false;
        }
        // commit and version are one oneof in osv.dev's Query message; its JSON decoder refuses both.
        if (!string.IsNullOrEmpty(request.Commit) && !string.IsNullOrEmpty(request.Version))
        {
            error = "commit and version both specified (oneof osv.v1.Query.param is already set): query by one of them";
            return false;
        }
        if (!string.IsNullOrEmpty(request.Commit))
        {
            if (!request.Commit.All(Uri.IsHexDigit))
            {
                error = "invalid hash";
                return false;
            }
            return true;
        }
        var package = request.Package;
        if (!string.IsNullOrEmpty(package?.Purl))
        {
            return TryParsePurl(package, request.Version, out query, out error);
        }
        if (package is null || string.IsNullOrEmpty(package.Name)
            || (string.IsNullOrEmpty(package.Ecosystem) && string.IsNullOrEmpty(request.Version)))
        {
            error = "invalid query";
            return false;
        }
        if (!string.IsNullOrEmpty(package.Ecosystem) && !OsvEcosystems.IsKnown(package.Ecosystem))
        {
            error = "invalid ecosystem";
            return false;
        }
        query = new PackageQuery(NullIfEmpty(package.Ecosystem), package.Name, Versions(request.Version));
        return true;
    }

    private static bool TryParsePurl(OsvPackageRequest package, string? version, out PackageQuery? query,
        out string? error)
    {
        query = null;
        error = !string.IsNullOrEmpty(package.Name) ? "name specified in a PURL query"
            : !string.IsNullOrEmpty(package.Ecosystem) ? "ecosystem specified in a PURL query"
            : null;
        if (error is not null)
        {
            return false;
        }
        if (!PackageUrl.TryParse(package.Purl!, out var purl, out error))
        {
            return false;
        }
        if (purl is null)
        {
            return true;
        }
        if (purl.Version is not null && !string.IsNullOrEmpty(version))
        {
            error = "version specified in params and PURL query";
            return false;
        }
        query = new PackageQuery(purl.Ecosystem, purl.Name, Versions(purl.Version ?? NullIfEmpty(version)));
        return true;
    }

    // No version: every advisory of the package (osv.dev: "No version given → all vulns of the package").
    private static IReadOnlyList<string>? Versions(string? version) => string.IsNullOrEmpty(version) ? null : [version];

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
