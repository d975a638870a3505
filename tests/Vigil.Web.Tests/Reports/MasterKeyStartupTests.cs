using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Vigil.Core.Attachments;
using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.Reputation;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Reports;

/// <summary>
/// A master key that does not open the reports already sealed in the database stops the server at start-up,
/// naming the setting; before, the server started and answered 500 on every report.
/// </summary>
public class MasterKeyStartupTests
{
    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Start_ReportsSealedWithAnotherKey_RefusesNamingTheSetting(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SubmitAsync(database.Target, new ReportVault(RandomNumberGenerator.GetBytes(32)));
        await using var factory = new VigilFactory(database.Target);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("Vigil:Reports:MasterKey", messages, StringComparison.Ordinal);
        Assert.Contains("not the key this database's reports were sealed with", messages, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Start_ReportsSealedWithTheConfiguredKey_Starts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var id = await SubmitAsync(database.Target, new ReportVault(Convert.FromBase64String(VigilFactory.MasterKey)));
        await using var factory = new VigilFactory(database.Target);
        using var client = factory.CreateClient();

        using var health = await client.GetAsync("/healthz", Ct);

        Assert.Equal(200, (int)health.StatusCode);
        Assert.True(id > 0);
    }

    private static async Task<long> SubmitAsync(DatabaseTarget target, ReportVault vault)
    {
        await using var db = await VigilDatabase.OpenAndMigrateAsync(target, Ct);
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        var gate = new ReportIntakeGate(db, new ReporterReputation(db, new BountyAwardedReports(db)));
        return (await new SubmitReport(db, vault, TimeProvider.System, SilentReportNotifier.Instance,
            Options.Create(new AttachmentOptions()), gate).ExecuteAsync("npm-eco",
            new SubmitReportRequest([new ReportPackageInput("npm", "deep-merge", "<=1.4.1")], "Prototype pollution",
                "details"),
            Actor.Anonymous, Ct)).Id;
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
