using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Bounties;

/// <summary>The disclosure world plus a bounty table (EUR; high 500–2000, critical 2000–10000; fixers paid) and
/// helpers.</summary>
internal static class BountyWorld
{
    public static readonly Guid Reporter = new("11111111-2222-3333-4444-555555555555");

    public static BountyTableInput Table(bool paysFixer = true) => new("EUR",
        [new BountyRangeInput("high", 500m, 2000m), new BountyRangeInput("critical", 2000m, 10000m)],
        InScope: "Packages of the npm ecosystem program.", OutOfScope: "Denial of service by large input.",
        PaysFixer: paysFixer);

    public static async Task SetTableAsync(Disclosure d, bool paysFixer = true) =>
        await d.Run(
            db =>
                new SetBountyTable(db, d.Clock).ExecuteAsync(Disclosure.Slug, Actor.User(d.Admin), Table(paysFixer),
                    Disclosure.Ct));

    /// <summary>A report by the signed-in <see cref="Reporter"/>, accepted, with <see cref="Disclosure.Maintainer"/>
    /// invited.</summary>
    public static async Task<long> AcceptedReportAsync(Disclosure d, string package = "deep-merge",
        Guid? reporter = null, string? title = null)
    {
        var request = Disclosure.Request(package);
        var submitted = await d.SubmitAsync(title is null ? request : request with { Title = title },
            Actor.User(reporter ?? Reporter));
        await d.AcceptAsync(submitted.Id);
        await d.Run(
            db =>
                d.Use<InviteMaintainer>(db)
                    .ExecuteAsync(submitted.Id, Actor.User(d.Triager), d.Maintainer, null, Disclosure.Ct));
        return submitted.Id;
    }

    public static Task<BountyAwardEntity> AwardAsync(Disclosure d, long id, AwardInput input, Guid? by = null) =>
        d.Run(
            db =>
                new AwardBounty(db, d.Vault, d.Clock).ExecuteAsync(id, Actor.User(by ?? d.Triager), input,
                    Disclosure.Ct));

    public static Task RunPayments(Disclosure d, Func<BountyPayments, Task> action) =>
        d.Run(db => action(new BountyPayments(db, d.Clock)));

    public static Task<BountyView> ViewAsync(Disclosure d, long id, Actor actor) =>
        d.Run(db => new GetReportBounty(db, d.Vault, new BountyPayments(db, d.Clock))
            .ExecuteAsync(id, actor, Disclosure.Ct));

    public static Task PublishAsync(Disclosure d, long id) =>
        d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(id, Actor.User(d.Triager), Disclosure.Ct));

    public static VigilDbContext Db(Disclosure d) => d.Open();
}
