using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Community;

namespace Vigil.Web.Tests.Bounties;

/// <summary>SECURITY.md states the program's bounty table (the generator's IProgramBountySummary hook), against a
/// golden file.</summary>
public class BountySecurityMdTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Get_ProgramWithBountyTable_MatchesGoldenFile(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        await using (var db = app.OpenDatabase())
        {
            await new SetBountyTable(db, app.Clock).ExecuteAsync("npm-eco", Actor.System, new BountyTableInput("EUR",
                [new BountyRangeInput("critical", 2000m, 10000m), new BountyRangeInput("high", 500m, 2000m)],
                InScope: "Every npm package of the program.",
                OutOfScope: "Self-XSS; *denial of service* by huge input.", PaysFixer: true),
                CommunityApp.Ct);
        }

        var (status, text, _) = await app.GetAsync("/api/programs/npm-eco/security-md");

        Assert.Equal(200, status);
        var golden = File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Community", "golden", "program-bounty.md"))
                .ReplaceLineEndings("\n");
        Assert.Equal(golden, text);
    }
}
