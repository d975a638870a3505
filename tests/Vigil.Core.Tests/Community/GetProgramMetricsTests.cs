using Vigil.Core.Community;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Community;

/// <summary>
/// Program metrics on both databases, counted over published work only. Every report is submitted at
/// <see cref="Disclosure.Start"/> (Wednesday 09:00 UTC; triage due Friday 09:00 with the default 2 business days;
/// publication due 45 days after acceptance); each story is "action@offset" with offsets from the start in hours (h) or
/// days (d).
/// </summary>
public class GetProgramMetricsTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    public static TheoryData<DatabaseProvider, string, string, double, string> Cases()
    {
        // stories (reports separated by ';'), measured at (days after start), expected "triage met/missed status |
        // publication met/missed status"
        (string Name, string Stories, double At, string Expected)[] rows =
        [
            ("no reports", "", 10, "0/0 no-data | 0/0 no-data"),
            ("accepted on time, published on time", "accept@1h,publish@10d", 20, "1/0 green | 1/0 green"),
            ("accepted late (after Friday 09:00), published", "accept@3d,publish@10d", 20, "0/1 red | 1/0 green"),
            ("asked for information on time counts as answered", "ask@2h,answer@3h,accept@1d,publish@10d", 20,
                "1/0 green | 1/0 green"),
            ("published after the deadline", "accept@1h,publish@47d", 60, "1/0 green | 0/1 red"),
            ("published, then withdrawn: still public work", "accept@1h,publish@10d,withdraw@11d", 20,
                "1/0 green | 1/0 green"),
            ("outside the 90-day window", "accept@1h,publish@10d", 91, "0/0 no-data | 0/0 no-data"),
            ("3 of 4 on time: amber",
                "accept@1h,publish@5d;accept@2h,publish@5d;accept@3h,publish@5d;accept@3d,publish@5d", 20,
                "3/1 amber | 4/0 green"),
            ("2 of 3 on time: red", "accept@1h,publish@5d;accept@1h,publish@5d;accept@4d,publish@5d", 20,
                "2/1 red | 3/0 green"),
            // Private work is not counted, so no figure moves while a report is under embargo.
            ("unanswered, deadline passed: private", "", 20, "0/0 no-data | 0/0 no-data"),
            ("accepted late, never published: private", "accept@3d", 20, "0/0 no-data | 0/0 no-data"),
            ("accepted, never published, past 45 days: private", "accept@1h", 50, "0/0 no-data | 0/0 no-data"),
            ("rejected: public only in the reporter's totals", "reject@2h", 20, "0/0 no-data | 0/0 no-data"),
            ("only the published one of three counts", "accept@1h,publish@5d;accept@3d;reject@4d", 20,
                "1/0 green | 1/0 green"),
        ];
        var data = new TheoryData<DatabaseProvider, string, string, double, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var (name, stories, at, expected) in rows)
            {
                data.Add(provider, name, stories, at, expected);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Execute_Stories_CountsDeadlinesKept(DatabaseProvider provider, string name, string stories,
        double measuredAtDays, string expected)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var reports = name == "no reports" ? [] : stories.Split(';');
        var actions = new List<(long Report, TimeSpan At, string Action)>();
        var followUps = new Dictionary<long, string>();
        foreach (var story in reports)
        {
            var submitted = await d.SubmitAsync();
            var id = submitted.Id;
            followUps[id] = submitted.FollowUpToken ?? "";
            foreach (var step in story.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var (action, offset) = (step.Split('@')[0], step.Split('@')[1]);
                var amount = double.Parse(offset[..^1], System.Globalization.CultureInfo.InvariantCulture);
                actions.Add(
                    (id, offset.EndsWith('d') ? TimeSpan.FromDays(amount) : TimeSpan.FromHours(amount), action));
            }
        }
        var triager = Actor.User(d.Triager);
        foreach (var (report, at, action) in actions.OrderBy(a => a.At))
        {
            d.Clock.SetUtcNow(Disclosure.Start + at);
            await d.Run(db => action switch
            {
                "accept" => d.Use<TriageReport>(db).AcceptAsync(report, triager, Ct),
                "reject" =>
                    d.Use<TriageReport>(db).RejectAsync(report, triager, RejectionReason.NotApplicable, null, null, Ct),
                "ask" => d.Use<TriageReport>(db).AskForInformationAsync(report, triager, "Which version?", Ct),
                "publish" => d.Use<PublishReport>(db).ExecuteAsync(report, triager, Ct),
                "answer" =>
                    new CommentOnReport(db, d.Vault, d.Clock).ExecuteAsync(report, Actor.FollowUp(followUps[report]),
                        "Version 1.4.1.", false, Ct),
                "withdraw" =>
                    new WithdrawReport(db, d.Clock).ExecuteAsync(report, triager, "Not a vulnerability after all.", Ct),
                _ => throw new InvalidOperationException(action),
            });
        }
        d.Clock.SetUtcNow(Disclosure.Start + TimeSpan.FromDays(measuredAtDays));

        var metrics = await d.Run(db => new GetProgramMetrics(db, d.Clock).ExecuteAsync(Disclosure.Slug, Ct));

        Assert.Equal(expected, $"{Show(metrics.Triage)} | {Show(metrics.Publication)}");
        Assert.Equal(d.Clock.GetUtcNow().AddDays(-90), metrics.From);
    }

    /// <summary>
    /// Per package, over published reports only: three published deep-merge reports whose maintainers answered after
    /// 10 and 30 hours or never (median 20 hours, a third never answered); a left-pad report under embargo, never
    /// answered, shows nothing until it is published.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_MaintainerAnswers_MedianAndNeverAnsweredPerPublishedPackage(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var triager = Actor.User(d.Triager);
        var ids = new List<long>();
        foreach (var name in new[] { "deep-merge", "deep-merge", "deep-merge", "left-pad" })
        {
            var id = (await d.SubmitAsync(Disclosure.Request(name))).Id;
            ids.Add(id);
            await d.AcceptAsync(id);
            await d.Run(db => d.Use<InviteMaintainer>(db).ExecuteAsync(id, triager, d.Maintainer, null, Ct));
        }
        foreach (var (id, hours) in new[] { (ids[0], 10), (ids[1], 30) })
        {
            d.Clock.SetUtcNow(Disclosure.Start.AddHours(hours));
            await d.Run(db => new CommentOnReport(db, d.Vault, d.Clock)
                .ExecuteAsync(id, Actor.User(d.Maintainer), "Confirmed, fixing.", false, Ct));
        }
        d.Clock.SetUtcNow(Disclosure.Start.AddDays(5));
        foreach (var id in ids.Take(3))
        {
            await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(id, triager, Ct));
        }
        d.Clock.SetUtcNow(Disclosure.Start.AddDays(20));

        var metrics = await d.Run(db => new GetProgramMetrics(db, d.Clock).ExecuteAsync(Disclosure.Slug, Ct));

        var package = Assert.Single(metrics.Maintainers);
        Assert.Equal(("npm", "deep-merge", 3, 2, (double?)20.0, 33.3),
            (package.Ecosystem, package.Name, package.Notified, package.Answered, package.MedianHoursToAnswer,
                package.NeverAnsweredPercent));

        await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(ids[3], triager, Ct));
        var published = await d.Run(db => new GetProgramMetrics(db, d.Clock).ExecuteAsync(Disclosure.Slug, Ct));
        Assert.Equal(["deep-merge 3", "left-pad 1 (never answered: 100 %)"], published.Maintainers.Select(
            p => p.Answered == 0 ? $"{p.Name} {p.Notified} (never answered: {p.NeverAnsweredPercent} %)"
                : $"{p.Name} {p.Notified}"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_UnknownProgram_NotFound(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);

        await Assert.ThrowsAsync<NotFoundException>(
            () => d.Run(db => new GetProgramMetrics(db, d.Clock).ExecuteAsync("nope", Ct)));
    }

    private static string Show(DeadlineShare share) => $"{share.Met}/{share.Missed} {share.Status}";
}
