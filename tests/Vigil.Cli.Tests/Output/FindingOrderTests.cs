using Vigil.Cli.Output;
using Vigil.Core.Advisories;

namespace Vigil.Cli.Tests.Output;

public sealed class FindingOrderTests
{
    [Fact]
    public void Sort_MostSevereFirstThenPackageThenVersionThenId()
    {
        var sorted = FindingOrder.Sort(
        [
            Findings.Make(id: "B", package: "zeta", severity: AdvisorySeverity.Low),
            Findings.Make(id: "B", package: "alpha", version: "1.0.0", severity: AdvisorySeverity.High),
            Findings.Make(id: "A", package: "alpha", version: "1.0.0", severity: AdvisorySeverity.High),
            Findings.Make(id: "C", package: "omega", severity: AdvisorySeverity.Critical),
        ]);

        Assert.Equal(["C omega", "A alpha", "B alpha", "B zeta"], sorted.Select(f => $"{f.Id} {f.Package}"));
    }

    [Theory]
    [InlineData("npm", "0.0.8", "0.0.10")] // numerically, not as strings
    [InlineData("npm", "1.0.0-beta.2", "1.0.0-beta.11")]
    [InlineData("npm", "1.0.0-rc.1", "1.0.0")]
    [InlineData("NuGet", "1.9.0", "1.10.0")]
    [InlineData("NuGet", "2.0.0-preview", "2.0.0")]
    public void Sort_SamePackage_OrdersVersionsByTheirEcosystemsRules(string ecosystem, string lower, string higher)
    {
        var sorted = FindingOrder.Sort(
        [
            Findings.Make(ecosystem: ecosystem, version: higher),
            Findings.Make(ecosystem: ecosystem, version: lower),
        ]);

        Assert.Equal([lower, higher], sorted.Select(f => f.Version));
    }

    [Fact]
    public void Sort_UnknownSeverity_SortsWithHigh()
    {
        var sorted = FindingOrder.Sort(
        [
            Findings.Make(id: "MODERATE", severity: AdvisorySeverity.Moderate),
            Findings.Make(id: "UNKNOWN", severity: AdvisorySeverity.Unknown),
            Findings.Make(id: "CRITICAL", severity: AdvisorySeverity.Critical),
        ]);

        Assert.Equal(["CRITICAL", "UNKNOWN", "MODERATE"], sorted.Select(f => f.Id));
    }
}
