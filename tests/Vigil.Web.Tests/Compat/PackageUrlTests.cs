using Vigil.Core.Advisories.Osv;

namespace Vigil.Web.Tests.Compat;

// PackageUrl lives in Vigil.Core/Advisories/Osv; its only callers are the web APIs, so its tests live with theirs.
public class PackageUrlTests
{
    [Theory]
    [InlineData("pkg:npm/minimist@0.0.8", "npm", "minimist", "0.0.8")]
    [InlineData("pkg:npm/minimist", "npm", "minimist", null)]
    [InlineData("pkg:npm/%40cypress/request@2.88.11", "npm", "@cypress/request", "2.88.11")]
    [InlineData("pkg:NPM/minimist@1.0.0?arch=x64#sub/path", "npm", "minimist", "1.0.0")]
    [InlineData("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "Maven", "org.apache.logging.log4j:log4j-core",
        "2.14.1")]
    [InlineData("pkg:pypi/django@4.1", "PyPI", "django", "4.1")]
    [InlineData("pkg:nuget/Newtonsoft.Json@12.0.1", "NuGet", "Newtonsoft.Json", "12.0.1")]
    [InlineData("pkg:golang/github.com/gin-gonic/gin@v1.9.0", "Go", "github.com/gin-gonic/gin", "v1.9.0")]
    [InlineData("pkg:cargo/smallvec@1.6.0", "crates.io", "smallvec", "1.6.0")]
    public void TryParse_KnownType_MapsToOsvEcosystemNameAndVersion(string text, string ecosystem, string name,
        string? version)
    {
        Assert.True(PackageUrl.TryParse(text, out var url, out _));
        Assert.Equal(new PackageUrl(ecosystem, name, version), url);
    }

    [Fact]
    public void TryParse_UnknownType_IsValidButHasNoPackage()
    {
        Assert.True(PackageUrl.TryParse("pkg:unknowntype/x@1", out var url, out _));
        Assert.Null(url);
    }

    [Theory]
    [InlineData("npm/minimist")]
    [InlineData("pkg:npm")]
    [InlineData("pkg:npm/")]
    [InlineData("pkg:/minimist")]
    public void TryParse_NotAPurl_Fails(string text)
    {
        Assert.False(PackageUrl.TryParse(text, out _, out var error));
        Assert.Equal("invalid PURL", error);
    }
}
