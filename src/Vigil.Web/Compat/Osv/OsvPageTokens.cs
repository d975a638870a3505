using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Vigil.Core.Matching;

namespace Vigil.Web.Compat.Osv;

/// <summary>
/// <c>next_page_token</c> / <c>page_token</c>: the id of the last vulnerability sent (results are ordered by id, so
/// the next page starts after it even if advisories were added meanwhile) and a fingerprint of the query, sealed
/// with ASP.NET Core Data Protection. A token is opaque, cannot be altered or forged, and only works for the query
/// that produced it. It stays valid as long as the Data Protection key ring does (docs/configuration.md).
/// </summary>
public sealed class OsvPageTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Vigil.Web.Compat.Osv.PageToken.v1");

    public string Create(PackageQuery query, string lastId) => _protector.Protect(Fingerprint(query) + "\n" + lastId);

    /// <returns>false for a token that was altered, made up, issued by another key ring, or issued for another
    /// query.</returns>
    public bool TryRead(string token, PackageQuery query, out string lastId)
    {
        lastId = "";
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
        var separator = payload.IndexOf('\n', StringComparison.Ordinal);
        if (separator < 0 || payload[..separator] != Fingerprint(query))
        {
            return false;
        }
        lastId = payload[(separator + 1)..];
        return true;
    }

    private static string Fingerprint(PackageQuery query)
    {
        var text = string.Join('\0',
            [query.Ecosystem ?? "*", query.Name, query.Versions is null ? "*" : string.Join('\0', query.Versions)]);
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }
}
