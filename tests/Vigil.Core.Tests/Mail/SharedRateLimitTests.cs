using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;
using Vigil.Core.Mail;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Mail;

/// <summary>
/// The hourly limits are counted in the database: two instances (two service providers, as two <c>vigil serve</c>)
/// on one database, each taking mail, defer together at the limit, on both databases.
/// </summary>
public class SharedRateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Researcher = MailWorld.Researcher, Intake = MailWorld.Intake;

    private static Task<int> ReportsAsync(MailWorld world) => world.Disclosure.Run(db => db.Reports.CountAsync(Ct));

    private static async Task<int> StatusAsync(MailWorld instance, string subject)
    {
        try
        {
            await instance.SendAsync(MailWorld.Message(Researcher, Intake, subject, "Details"));
            return 250;
        }
        catch (SmtpCommandException e)
        {
            return (int)e.StatusCode;
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoInstances_OneDatabase_DeferTogetherAtTheSenderLimit_UntilTheNextHour(
        DatabaseProvider provider)
    {
        var limit = new Dictionary<string, string?> { ["Vigil:Mail:Inbound:PerSenderPerHour"] = "3" };
        await using var first = await MailWorld.StartAsync(provider, limit);
        await using var second = await first.AnotherInstanceAsync(limit);

        var statuses = new List<int>
        {
            await StatusAsync(first, "1"), await StatusAsync(second, "2"), await StatusAsync(first, "3"),
            await StatusAsync(second, "4"), await StatusAsync(first, "5"),
        };

        Assert.Equal([250, 250, 250, 451, 451], statuses);
        Assert.Equal(3, await ReportsAsync(first));
        // One count per sender and per address, keyed by hashes: no address is stored.
        var counts = await first.Disclosure.Run(db => db.MailRateCounts.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(2, counts.Count);
        Assert.All(counts, c => Assert.Equal(3, c.Count));
        Assert.Contains(counts, c => c.KeyHash.SequenceEqual(InboundRateLimit.Key("from", Researcher)));
        Assert.Contains(counts, c => c.KeyHash.SequenceEqual(InboundRateLimit.Key("to", Intake)));

        first.Disclosure.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(250, await StatusAsync(second, "6"));
        Assert.Equal(4, await ReportsAsync(first));
        // the past hour's windows are gone
        var hours = await first.Disclosure.Run(db => db.MailRateCounts.Select(c => c.Hour).Distinct().ToListAsync(Ct));
        Assert.Equal([InboundRateLimit.Hour(first.Disclosure.Clock.GetUtcNow())], hours);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoInstances_AFloodSentAtOnceToBoth_TakesExactlyTheLimit(DatabaseProvider provider)
    {
        var limit = new Dictionary<string, string?> { ["Vigil:Mail:Inbound:PerAddressPerHour"] = "4" };
        await using var first = await MailWorld.StartAsync(provider, limit);
        await using var second = await first.AnotherInstanceAsync(limit);

        // Ten senders (so no sender limit is met) to one address, five through each instance at the same time.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            var instance = i % 2 == 0 ? first : second;
            try
            {
                await instance.SendAsync(MailWorld.Message($"r{i}@example.test", Intake, $"Bug {i}", "Details"));
                return 250;
            }
            catch (SmtpCommandException e)
            {
                return (int)e.StatusCode;
            }
        }));

        Assert.Equal(4, statuses.Count(s => s == 250));
        Assert.Equal(6, statuses.Count(s => s == 451));
        Assert.Equal(4, await ReportsAsync(first));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TryTake_OneCountAtItsLimit_CountsNothingForTheOthers(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider,
            new() { ["Vigil:Mail:Inbound:PerAddressPerHour"] = "1" });
        const string other = "other@npm-eco.test";

        bool[] results;
        await using (var scope = world.Services.CreateAsyncScope())
        {
            var limit = scope.ServiceProvider.GetRequiredService<InboundRateLimit>();
            results =
            [
                await limit.TryTakeAsync(Researcher, [Intake], Ct),
                await limit.TryTakeAsync(Researcher, [other, Intake], Ct),
                await limit.TryTakeAsync(Researcher, [other], Ct),
            ];
        }

        Assert.Equal([true, false, true], results);
        var counts = await world.Disclosure.Run(db => db.MailRateCounts.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(2, Assert.Single(counts, c => c.KeyHash.SequenceEqual(InboundRateLimit.Key("from", Researcher)))
            .Count);
    }
}
