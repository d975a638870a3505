
namespace Vigil.Core.Advisories.Osv;

/// <summary>
/// Every <c>affected[].package</c> Vigil stores or serves carries its purl (schema § affected[].package.purl;
/// <see cref="PackageUrl.For"/>): OSV clients such as osv-offline match packages by it. A purl the source
/// wrote is kept. Documents stored before Vigil wrote purls get them when served.
/// </summary>
public static class OsvPurls
{
    public static OsvVulnerability Fill(OsvVulnerability vulnerability)
    {
        foreach (var affected in vulnerability.Affected ?? [])
        {
            if (string.IsNullOrEmpty(affected.Package.Purl))
            {
                affected.Package.Purl = PackageUrl.For(affected.Package.Ecosystem, affected.Package.Name);
            }
        }
        return vulnerability;
    }

    /// <summary>A stored document as it is served.</summary>
    public static OsvVulnerability Read(string document) => Fill(OsvJson.Deserialize(document));
}
