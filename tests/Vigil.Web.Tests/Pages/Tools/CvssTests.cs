using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Tools;

/// <summary>The CVSS calculator page: scores come from Vigil.Cvss, which is checked against FIRST's calculators in
/// Vigil.Cvss.Tests.</summary>
public class CvssTests
{
    [Fact]
    public async Task Get_V31MetricsChosen_ShowsVectorScoreAndRating()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, "/tools/cvss?version=3.1&AV=N&AC=L&PR=N&UI=N&S=U&C=H&I=H&A=H");

        Assert.Equal(200, page.Status);
        Assert.Equal("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", page.Text("#cvss-vector"));
        Assert.Equal("9.8", page.Text("#cvss-score"));
        Assert.Equal("Critical", page.Text("#cvss-rating"));
        Assert.True(page.Document.QuerySelector("#m-AV-N")!.HasAttribute("checked"));
        Assert.False(page.Document.QuerySelector("#m-AV-L")!.HasAttribute("checked"));
    }

    [Theory]
    // CVSS v3.1 specification §7.4 examples as scored by FIRST's calculator.
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "6.1", "Medium")]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", "0.0", "None")]
    // CVSS v4.0: every Base impact High on the vulnerable system only.
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "9.3", "Critical")]
    public async Task Get_PastedVector_ScoresItAndSelectsItsMetrics(string vector, string score, string rating)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, "/tools/cvss?vector=" + Uri.EscapeDataString(vector));

        Assert.Equal(200, page.Status);
        Assert.Equal(score, page.Text("#cvss-score"));
        Assert.Equal(rating, page.Text("#cvss-rating"));
        Assert.Equal(vector, page.Text("#cvss-vector"));
        var firstMetric = vector.Split('/')[1].Replace(':', '-');
        Assert.True(page.Document.QuerySelector($"#m-{firstMetric}")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task Get_V40Form_HasElevenBaseMetrics()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, "/tools/cvss?version=4.0");

        Assert.Equal(200, page.Status);
        Assert.Equal(11, page.Document.QuerySelectorAll("#cvss-form fieldset").Length);
        Assert.Equal("4.0", page.Document.QuerySelector("#cvss-form input[name=version]")!.GetAttribute("value"));
        Assert.Empty(page.Text("#cvss-result"));
    }

    [Fact]
    public async Task Get_SomeMetricsMissing_400NamesThem()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, "/tools/cvss?version=3.1&AV=N&AC=L&PR=N&UI=N&S=U&C=H");

        Assert.Equal(400, page.Status);
        Assert.Equal("Choose a value for every Base metric; missing: Integrity, Availability.",
            page.Text("#cvss-problem"));
        Assert.True(page.Document.QuerySelector("#m-C-H")!.HasAttribute("checked"));
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N", "CVSS:3.1/AV:N")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV")]
    [InlineData("<script>alert(1)</script>", "not a CVSS vector")]
    public async Task Get_BadVector_400SaysWhy(string vector, string expected)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, "/tools/cvss?vector=" + Uri.EscapeDataString(vector));

        Assert.Equal(400, page.Status);
        Assert.Contains(expected, page.Text("#cvss-problem"), StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("script"));
    }
}
