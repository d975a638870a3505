using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Attachments;
using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.ExtensionVotes;
using Vigil.Core.Publication;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Infrastructure;
using Role = Vigil.Web.Tests.Reports.ReportWorld.Role;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// Every use case that writes to a report, run at the same moment as two appends by other participants (the reporter's
/// comment and the team's internal attachment), on both databases: the write does what it does alone, and both appends
/// are saved. A completeness check finds the use cases that write to reports, so a new one joins the sweep.
/// </summary>
public sealed class ReportWriteSweepTests(
    ReportWriteSweepTests.Worlds worlds) : IClassFixture<ReportWriteSweepTests.Worlds>
{
    private static CancellationToken Ct => WebTest.Ct;

    /// <summary>A report about to be written to: its id, the reporter's follow-up token, and what the preparation left
    /// (a token, an id).</summary>
    public sealed record Target(long Id, string Reporter, string? Prepared);

    private sealed record Write(Func<ReportWorld, long, Task<string?>> Prepare,
        Func<IServiceProvider, ReportWorld, Target, Task> Act, ReportState? Then);

    private static readonly Dictionary<string, Write> Writes = new()
    {
        ["TriageReport.Accept"] = new(None,
            (s, w, t) => s.GetRequiredService<TriageReport>().AcceptAsync(t.Id, w.As(Role.Triager), Ct),
            ReportState.Accepted),
        ["TriageReport.Reject"] = new(None, (s, w, t) =>
            s.GetRequiredService<TriageReport>()
                .RejectAsync(t.Id, w.As(Role.Triager), RejectionReason.Informative, null, "Not a vulnerability.", Ct),
            ReportState.Rejected),
        // The reporter's comment may answer the question as soon as it is asked: new or needs-information are both
        // right.
        ["TriageReport.AskForInformation"] = new(None, (s, w, t) =>
            s.GetRequiredService<TriageReport>().AskForInformationAsync(t.Id, w.As(Role.Triager), "Which version?", Ct),
            null),
        ["TriageMany.Reject"] = new(None, (s, w, t) => s.GetRequiredService<TriageMany>().ExecuteAsync(
            "npm-eco", w.As(Role.Triager), [t.Id], BulkTriage.Reject, RejectionReason.Informative,
            "Not a vulnerability.", Ct),
            ReportState.Rejected),
        ["ReleaseFromReview"] = new(HoldAsync,
            (s, w, t) => s.GetRequiredService<ReleaseFromReview>().ExecuteAsync(t.Id, w.As(Role.Triager), Ct),
            ReportState.New),
        ["InviteMaintainer"] = new(AcceptAsync, (s, w, t) =>
            s.GetRequiredService<InviteMaintainer>()
                .ExecuteAsync(t.Id, w.As(Role.Triager), w.Id(Role.Maintainer), null, Ct),
            ReportState.MaintainersNotified),
        ["AcceptInvitation"] = new(async (w, id) => (await w.NotifyMaintainersAsync(id)).Token, (s, w, t) =>
            s.GetRequiredService<AcceptInvitation>().ExecuteAsync(t.Id, w.As(Role.Stranger), t.Prepared!, Ct),
            ReportState.MaintainersNotified),
        ["RevokeInvitation"] = new(async (w, id) => (await w.NotifyMaintainersAsync(id)).InvitationId.ToString(),
            (s, w, t) =>
            s.GetRequiredService<RevokeInvitation>()
                .ExecuteAsync(t.Id, w.As(Role.Triager), long.Parse(t.Prepared!), Ct),
            ReportState.MaintainersNotified),
        ["RemoveParticipant"] = new(MaintainerParticipantAsync, (s, w, t) =>
            s.GetRequiredService<RemoveParticipant>()
                .ExecuteAsync(t.Id, w.As(Role.Triager), long.Parse(t.Prepared!), Ct),
            ReportState.MaintainersNotified),
        ["AdvanceReport.StartFix"] = new(NotifyAsync,
            (s, w, t) => s.GetRequiredService<AdvanceReport>().StartFixAsync(t.Id, w.As(Role.Triager), Ct),
            ReportState.FixInProgress),
        ["AdvanceReport.MarkFixed"] = new(FixStartedAsync, (s, w, t) =>
            s.GetRequiredService<AdvanceReport>()
                .MarkFixedAsync(t.Id, w.As(Role.Triager), new Dictionary<string, string> { ["deep-merge"] = "1.4.2" },
                    Ct),
            ReportState.Fixed),
        ["SetDisclosureDate"] = new(NotifyAsync, (s, w, t) =>
            s.GetRequiredService<SetDisclosureDate>()
                .ExecuteAsync(t.Id, w.As(Role.Triager), s.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(10),
                    Ct),
            ReportState.MaintainersNotified),
        ["ReportCredits.Set"] = new(AcceptAsync, (s, w, t) =>
            s.GetRequiredService<ReportCredits>()
                .SetAsync(t.Id, w.As(Role.Triager), [new CreditInput("Ada", "FINDER")], [], Ct),
            ReportState.Accepted),
        ["AssignCve.Request"] = new(AcceptAsync,
            (s, w, t) => s.GetRequiredService<Vigil.Core.Cve.AssignCve>().RequestAsync(t.Id, w.As(Role.Triager), Ct),
            ReportState.Accepted),
        ["AssignCve.Record"] = new(AcceptAsync, (s, w, t) =>
            s.GetRequiredService<Vigil.Core.Cve.AssignCve>()
                .RecordAsync(t.Id, w.As(Role.Triager), "CVE-2026-12345", Ct),
            ReportState.Accepted),
        ["RequestExtension"] = new(NotifyAsync, RequestExtensionAsync, ReportState.MaintainersNotified),
        ["CastExtensionVote"] = new(async (w, id) =>
        {
            await NotifyAsync(w, id);
            await w.RunAsync(async s => { await RequestExtensionAsync(s, w, new Target(id, "", null)); return 0; });
            return null;
        },
        (s, w, t) => s.GetRequiredService<CastExtensionVote>().ExecuteAsync(t.Id, Actor.FollowUp(t.Reporter), true, Ct),
        ReportState.MaintainersNotified),
        ["PublishReport"] = new(AcceptAsync,
            (s, w, t) => s.GetRequiredService<PublishReport>().ExecuteAsync(t.Id, w.As(Role.Triager), Ct),
            ReportState.Published),
        ["WithdrawReport"] = new(PublishedAsync, (s, w, t) =>
            s.GetRequiredService<WithdrawReport>()
                .ExecuteAsync(t.Id, w.As(Role.Triager), "Not exploitable after all.", Ct),
            ReportState.Withdrawn),
        ["CorrectAdvisory"] = new(PublishedAsync, (s, w, t) =>
            s.GetRequiredService<CorrectAdvisory>().ExecuteAsync(t.Prepared!, w.As(Role.Triager),
                new AdvisoryCorrection("A clearer summary.", Summary: "Prototype pollution in deep-merge"), Ct),
            ReportState.Published),
        // The standing report stays new; the later report of its group is rejected as its duplicate in the same
        // transaction.
        ["MergeDuplicates"] = new(DuplicateAsync, (s, w, t) => s.GetRequiredService<MergeDuplicates>().ExecuteAsync(
            t.Id, w.As(Role.Triager), [long.Parse(t.Prepared!)], "Same bug.", Ct), ReportState.New),
        ["AwardBounty.Award"] = new(BountyTableAndAcceptAsync, (s, w, t) =>
            s.GetRequiredService<AwardBounty>().ExecuteAsync(
                t.Id, w.As(Role.Triager), new AwardInput("high", 500m), Ct),
            ReportState.Accepted),
        ["AwardBounty.Cancel"] = new(AwardedAsync, (s, w, t) =>
            s.GetRequiredService<AwardBounty>().CancelAsync(t.Id, w.As(Role.Triager), Ct), ReportState.Accepted),
        ["BountyPayments.MarkPaid"] = new(AwardedAsync, (s, w, t) =>
            s.GetRequiredService<BountyPayments>().MarkPaidAsync(
                t.Id, w.As(Role.Triager), BountyRecipient.Finder, null, Ct),
            ReportState.Accepted),
        ["BountyPayments.Decline"] = new(AwardedAsync, (s, w, t) =>
            s.GetRequiredService<BountyPayments>().DeclineAsync(t.Id, Actor.FollowUp(t.Reporter), Ct),
            ReportState.Accepted),
        ["BountyPayments.SetVisibility"] = new(AwardedAsync, (s, w, t) =>
            s.GetRequiredService<BountyPayments>().SetVisibilityAsync(t.Id, Actor.FollowUp(t.Reporter), true, Ct),
            ReportState.Accepted),
        ["DisputeReport"] = new(NotifyAsync, (s, w, t) => s.GetRequiredService<DisputeReport>().ExecuteAsync(t.Id,
            w.As(Role.Maintainer), new DisputeInput("component_not_present", "The package never ships it."), Ct),
            ReportState.MaintainersNotified),
        ["DecideDispute"] = new(DisputedAsync, (s, w, t) => s.GetRequiredService<DecideDispute>().ExecuteAsync(
            t.Id, long.Parse(t.Prepared!), w.As(Role.Triager), true, "Confirmed.", null, Ct),
            ReportState.NotAffected),
        ["PublishVex"] = new(AcceptedDisputeAsync, (s, w, t) => s.GetRequiredService<PublishVex>().ExecuteAsync(
            t.Id, long.Parse(t.Prepared!), w.As(Role.Triager), "http://localhost", Ct),
            ReportState.NotAffected),
        ["CommentOnReport"] =
            new(None, (s, w, t) =>
                s.GetRequiredService<CommentOnReport>()
            .ExecuteAsync(t.Id, w.As(Role.Triager), "A team comment.", false, Ct), ReportState.New),
        ["AttachToReport"] =
            new(None, (s, w, t) => s.GetRequiredService<AttachToReport>().ExecuteAsync(t.Id, w.As(Role.Triager),
            [new AttachmentUpload("team.txt", "team file\n"u8.ToArray())], cancellationToken: Ct), ReportState.New),
    };

    /// <summary>Writers the sweep does not run yet, and why; each is named so that a new use case cannot slip past
    /// unswept.</summary>
    private static readonly Dictionary<string, string> NotSwept = new()
    {
        ["SubmitReport"] = "creates a report; nothing else can write to it before it exists",
        ["PublishAdvisory"] = "writes an advisory, called inside PublishReport (swept)",
        ["CloseExtensionVotes"] =
            "the clock's pass; a vote's close is claimed with a conditional update, so two passes cannot both close it",
        ["RotateMasterKey"] = "an administrator's maintenance of every report's key, one transaction",
        ["SealClearValues"] = "runs once at start-up, before requests are served",
    };

    public static TheoryData<DatabaseProvider, string> Cases()
    {
        var cases = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var name in Writes.Keys)
            {
                cases.Add(provider, name);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Write_WhileOthersAppend_EveryWriteSaved(DatabaseProvider provider, string useCase)
    {
        var world = await worlds.GetAsync(provider);
        var write = Writes[useCase];
        var (id, reporter, _) = await world.SubmitAsync();
        var target = new Target(id, reporter, await write.Prepare(world, id));
        var comment = $"reporter's comment during {useCase}";

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Exception?> Run(Func<IServiceProvider, Task> action)
        {
            await gate.Task;
            try
            {
                await world.RunAsync(async s => { await action(s); return 0; });
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }
        var tasks = new[]
        {
            Run(s => write.Act(s, world, target)),
            Run(
                s =>
                    s.GetRequiredService<CommentOnReport>()
                        .ExecuteAsync(id, Actor.FollowUp(reporter), comment, false, Ct)),
            Run(s => s.GetRequiredService<AttachToReport>().ExecuteAsync(id, world.As(Role.Triager),
                [new AttachmentUpload("during.txt", "during\n"u8.ToArray())], internalOnly: true,
                cancellationToken: Ct)),
        };
        gate.SetResult();
        var errors = await Task.WhenAll(tasks);

        Assert.True(errors.All(e => e is null),
            string.Join("\n", errors.OfType<Exception>().Select(e => $"{useCase}: {e.GetType().Name}: {e.Message}")));
        await using var db = world.Test.OpenDatabase();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id, Ct);
        if (write.Then is { } then)
        {
            Assert.Equal(then, report.State);
        }
        var view = await world.RunAsync(
            s => s.GetRequiredService<GetReport>().ExecuteAsync(id, world.As(Role.Triager), Ct));
        Assert.Contains(view.Timeline, e => e.Text == comment);
        Assert.Equal(1,
            await db.ReportAttachments.CountAsync(a => a.ReportId == id && a.Visibility == EventVisibility.Team, Ct));
    }

    [Fact]
    public void Sweep_NamesEveryUseCaseThatWritesToReports()
    {
        string[] features = ["Reports", "Attachments", "ExtensionVotes", "Cve", "Bounties", "Publication"];
        var writers = typeof(VigilDbContext).Assembly.GetExportedTypes()
            .Where(
                t => t is { IsClass: true, IsAbstract: false } && features.Any(f => t.Namespace == $"Vigil.Core.{f}"))
            .Where(
                t =>
                    t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(VigilDbContext))))
            .Select(t => t.Name)
            .Where(
                name =>
                    !name.StartsWith("Get", StringComparison.Ordinal)
                        && !name.StartsWith("List", StringComparison.Ordinal)
                && !name.StartsWith("Export", StringComparison.Ordinal) && !ReadsOnly.Contains(name))
            .Order().ToList();
        var swept = Writes.Keys.Select(k => k.Split('.')[0]).Concat(NotSwept.Keys).ToHashSet();

        var unswept = writers.Except(swept).ToList();
        var gone = swept.Except(writers).ToList();
        Assert.True(unswept.Count == 0,
            $"Use cases that write to reports and are not in the sweep: {string.Join(", ", unswept)}");
        Assert.True(gone.Count == 0, $"The sweep names use cases that no longer exist: {string.Join(", ", gone)}");
    }

    // Use cases in those features that only read (named otherwise than Get/List/Export), and the notifier the writers
    // share.
    private static readonly HashSet<string> ReadsOnly =
        ["BountyAwardedReports", "BountyPolicySummary", "PreviewPublication", "ReportNotifier", "SetBountyTable"];

    private static Task<string?> None(ReportWorld world, long id) => Task.FromResult<string?>(null);

    private static async Task<string?> HoldAsync(ReportWorld world, long id)
    {
        await using var db = world.Test.OpenDatabase();
        await db.Reports.Where(r => r.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.HeldForReview, true), Ct);
        return null;
    }

    private static Task<string?> AcceptAsync(ReportWorld world, long id) =>
        world.RunAsync(
            async s =>
                {
                    await s.GetRequiredService<TriageReport>()
                    .AcceptAsync(id, world.As(Role.Triager), Ct); return (string?)null;
                });

    /// <summary>
    /// A later report of the target's duplicate group (every report of the world names npm/deep-merge): its id.
    /// </summary>
    private static async Task<string?> DuplicateAsync(ReportWorld world, long id)
    {
        var (duplicate, _, _) = await world.SubmitAsync();
        await using var db = world.Test.OpenDatabase();
        var group = await db.Reports.Where(r => r.Id == id).Select(r => r.DuplicateGroupId ?? r.Id).SingleAsync(Ct);
        Assert.Equal(
            group, await db.Reports.Where(r => r.Id == duplicate).Select(r => r.DuplicateGroupId).SingleAsync(Ct));
        return duplicate.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The program's bounty table (set again for each case: the same table) and the report accepted.</summary>
    private static async Task<string?> BountyTableAndAcceptAsync(ReportWorld world, long id)
    {
        await world.RunAsync(s => s.GetRequiredService<SetBountyTable>().ExecuteAsync("npm-eco", Actor.System,
            new BountyTableInput("EUR", [new BountyRangeInput("high", 100m, 1000m)]), Ct));
        return await AcceptAsync(world, id);
    }

    /// <summary>Accepted, with a bounty of 500 EUR awarded to the finder.</summary>
    private static async Task<string?> AwardedAsync(ReportWorld world, long id)
    {
        await BountyTableAndAcceptAsync(world, id);
        await world.RunAsync(s => s.GetRequiredService<AwardBounty>().ExecuteAsync(
            id, world.As(Role.Triager), new AwardInput("high", 500m), Ct));
        return null;
    }

    private static async Task<string?> NotifyAsync(ReportWorld world, long id)
    {
        await world.NotifyMaintainersAsync(id);
        return null;
    }

    /// <summary>Maintainers notified and a dispute of the maintainer waiting for the team: its id.</summary>
    private static async Task<string?> DisputedAsync(ReportWorld world, long id)
    {
        await world.NotifyMaintainersAsync(id);
        return await world.RunAsync(async s => (string?)(await s.GetRequiredService<DisputeReport>().ExecuteAsync(id,
            world.As(Role.Maintainer), new DisputeInput("component_not_present", "Never shipped."), Ct))
            .ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A dispute accepted (the report is not affected) and a CVE id recorded: the dispute's id.</summary>
    private static async Task<string?> AcceptedDisputeAsync(ReportWorld world, long id)
    {
        var dispute = await DisputedAsync(world, id);
        await world.RunAsync(async s =>
        {
            await s.GetRequiredService<DecideDispute>().ExecuteAsync(id, long.Parse(dispute!), world.As(Role.Triager),
                true, "Confirmed.", null, Ct);
            await s.GetRequiredService<Vigil.Core.Cve.AssignCve>().RecordAsync(id, world.As(Role.Triager),
                $"CVE-2026-{40000 + id}", Ct);
            return 0;
        });
        return dispute;
    }

    private static async Task<string?> MaintainerParticipantAsync(ReportWorld world, long id)
    {
        await world.NotifyMaintainersAsync(id);
        await using var db = world.Test.OpenDatabase();
        return (await db.ReportParticipants.SingleAsync(p => p.ReportId == id && p.UserId == world.Id(Role.Maintainer),
            Ct)).Id.ToString();
    }

    private static async Task<string?> FixStartedAsync(ReportWorld world, long id)
    {
        await world.NotifyMaintainersAsync(id);
        return await world.RunAsync(
            async s =>
                {
                    await s.GetRequiredService<AdvanceReport>()
                    .StartFixAsync(id, world.As(Role.Triager), Ct); return (string?)null;
                });
    }

    private static async Task<string?> PublishedAsync(ReportWorld world, long id)
    {
        await AcceptAsync(world, id);
        return await world.RunAsync(
            async s =>
                (string?)(await s.GetRequiredService<PublishReport>().ExecuteAsync(id, world.As(Role.Triager), Ct)).Id);
    }

    private static async Task RequestExtensionAsync(IServiceProvider services, ReportWorld world, Target target)
    {
        var due = await services.GetRequiredService<VigilDbContext>().Reports.AsNoTracking()
            .Where(r => r.Id == target.Id).Select(r => r.PublicationDueAt).SingleAsync(Ct);
        await services.GetRequiredService<RequestExtension>()
            .ExecuteAsync(target.Id, world.As(Role.Triager), "The maintainer needs more time.", due!.Value.AddDays(10),
                Ct);
    }

    /// <summary>One <see cref="ReportWorld"/> per database for the whole sweep (each case works on a report of its
    /// own).</summary>
    public sealed class Worlds : IAsyncDisposable
    {
        private readonly Dictionary<DatabaseProvider, ReportWorld> _worlds = [];
        private readonly SemaphoreSlim _lock = new(1, 1);

        public async Task<ReportWorld> GetAsync(DatabaseProvider provider)
        {
            await _lock.WaitAsync(Ct);
            try
            {
                if (!_worlds.TryGetValue(provider, out var world))
                {
                    world = _worlds[provider] = await ReportWorld.StartAsync(provider);
                }
                return world;
            }
            finally
            {
                _lock.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var world in _worlds.Values)
            {
                await world.DisposeAsync();
            }
            _lock.Dispose();
        }
    }
}
