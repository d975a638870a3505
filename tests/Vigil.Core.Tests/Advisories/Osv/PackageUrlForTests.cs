using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Tests.Advisories.Osv;

/// <summary>The purl Vigil writes into <c>affected[].package.purl</c>, as osv.dev writes it and OSV clients compare
/// it.</summary>
public class PackageUrlForTests
{
    // purl spec, npm type: "The namespace is used for the scope of a scoped NPM package"; "@" in a
    // namespace must be percent-encoded as %40.
    [Theory]
    [InlineData("npm", "minimist", "pkg:npm/minimist")]
    [InlineData("npm", "@cypress/request", "pkg:npm/%40cypress/request")]
    // case kept: osv-offline compares "pkg:npm/" + encodeURIComponent(name)
    [InlineData("npm", "JSONStream", "pkg:npm/JSONStream")]
    [InlineData("NuGet", "Newtonsoft.Json", "pkg:nuget/Newtonsoft.Json")]
    [InlineData("Maven", "org.apache.logging.log4j:log4j-core", "pkg:maven/org.apache.logging.log4j/log4j-core")]
    [InlineData("Go", "github.com/gin-gonic/gin", "pkg:golang/github.com/gin-gonic/gin")]
    [InlineData("Bitnami", "node", "pkg:bitnami/node")]
    [InlineData("npm", "a b+c", "pkg:npm/a%20b%2Bc")]
    public void For_Package_IsThePurlClientsExpect(string ecosystem, string name, string expected)
    {
        Assert.Equal(expected, PackageUrl.For(ecosystem, name));
    }

    [Theory]
    [InlineData("Debian:12", "openssl")]
    [InlineData("GIT", "https://github.com/nodejs/node")]
    public void For_EcosystemWithoutPurlType_IsNull(string ecosystem, string name)
    {
        Assert.Null(PackageUrl.For(ecosystem, name));
    }

    [Theory]
    [InlineData("npm", "@cypress/request")]
    [InlineData("NuGet", "Newtonsoft.Json")]
    [InlineData("Maven", "org.apache.logging.log4j:log4j-core")]
    public void For_ThenTryParse_GivesThePackageBack(string ecosystem, string name)
    {
        Assert.True(PackageUrl.TryParse(PackageUrl.For(ecosystem, name)!, out var parsed, out _));
        Assert.Equal((ecosystem, name), (parsed!.Ecosystem, parsed.Name));
    }
}
