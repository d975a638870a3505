using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;
using Vigil.Core.SavedReplies;
using Vigil.Core.Tests.Programs;

namespace Vigil.Core.Tests.SavedReplies;

/// <summary>A program team's saved replies on both databases: who may use them, and what a title, a body and a program
/// may hold.</summary>
public class SavedRepliesTests
{
    private const string Slug = ProgramAdministration.Slug;

    private static CancellationToken Ct => ProgramAdministration.Ct;

    private static Task<SavedReplyView> CreateAsync(
        ProgramAdministration a, Actor actor, string title, string body = "Please send a proof of concept.") =>
        a.Run(db => new CreateSavedReply(db, a.Clock).ExecuteAsync(Slug, actor, title, body, Ct));

    private static Task<IReadOnlyList<SavedReplyView>> ListAsync(ProgramAdministration a, Actor actor,
        string slug = Slug) =>
        a.Run(db => new ListSavedReplies(db).ExecuteAsync(slug, actor, Ct));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateUpdateDelete_Triager_KeepsWhoAndWhen(DatabaseProvider provider)
    {
        await using var a = await ProgramAdministration.CreateAsync(provider);
        var triager = Actor.User(a.Triager);
        var created = await CreateAsync(
            a, triager, "  Needs a proof of concept  ", "  Please send a PoC for {report}. ");
        Assert.Equal("Needs a proof of concept", created.Title);
        Assert.Equal("Please send a PoC for {report}.", created.Body);
        Assert.Equal(a.Clock.GetUtcNow(), created.CreatedAt);
        Assert.Equal("triager@example.test", created.UpdatedBy);

        a.Clock.Advance(TimeSpan.FromHours(2));
        var admin = Actor.User(a.ProgramAdmin);
        var updated = await a.Run(db => new UpdateSavedReply(db, a.Clock).ExecuteAsync(
            Slug, admin, created.Id, "Out of scope", "Out of scope: {package} is not in {program}.", Ct));
        Assert.Equal(("Out of scope", created.CreatedAt, a.Clock.GetUtcNow(), "admin@example.test"),
            (updated.Title, updated.CreatedAt, updated.UpdatedAt, updated.UpdatedBy));
        await using (var db = a.Open())
        {
            var row = await db.SavedReplies.SingleAsync(Ct);
            Assert.Equal((a.Triager, a.ProgramAdmin, "OUT OF SCOPE"), (row.CreatedBy, row.UpdatedBy, row.TitleKey));
        }
        Assert.Equal(["Out of scope"], (await ListAsync(a, triager)).Select(r => r.Title));

        await a.Run(db => new DeleteSavedReply(db).ExecuteAsync(Slug, triager, created.Id, Ct));
        Assert.Empty(await ListAsync(a, triager));
        await Assert.ThrowsAsync<NotFoundException>(
            () => a.Run(db => new DeleteSavedReply(db).ExecuteAsync(Slug, triager, created.Id, Ct)));
    }

    public enum Caller
    {
        InstanceAdmin, ProgramAdmin, Triager, TriagerWithoutTwoFactor, OtherProgramAdmin, Stranger,
        Anonymous
    }

    [Theory]
    [InlineData(Caller.InstanceAdmin, true)]
    [InlineData(Caller.ProgramAdmin, true)]
    [InlineData(Caller.Triager, true)]
    [InlineData(Caller.TriagerWithoutTwoFactor, false)]
    [InlineData(Caller.OtherProgramAdmin, false)]
    [InlineData(Caller.Stranger, false)]
    [InlineData(Caller.Anonymous, false)]
    public async Task EveryUseCase_EachCaller_TeamOnlyOthersNotFound(Caller caller, bool team)
    {
        await using var a = await ProgramAdministration.CreateAsync(DatabaseProvider.Sqlite);
        var existing = await CreateAsync(a, Actor.User(a.Triager), "Existing");
        var actor = caller switch
        {
            Caller.InstanceAdmin => Actor.User(a.InstanceAdmin, isInstanceAdmin: true),
            Caller.ProgramAdmin => Actor.User(a.ProgramAdmin),
            Caller.Triager => Actor.User(a.Triager),
            Caller.TriagerWithoutTwoFactor => Actor.User(a.Triager, twoFactor: false),
            Caller.OtherProgramAdmin => Actor.User(a.OtherProgramAdmin),
            Caller.Stranger => Actor.User(a.Stranger),
            _ => Actor.Anonymous,
        };
        var outcomes = new[]
        {
            await Outcome(() => ListAsync(a, actor)),
            await Outcome(() => CreateAsync(a, actor, "New")),
            await Outcome(() => a.Run(db => new UpdateSavedReply(db, a.Clock)
                .ExecuteAsync(Slug, actor, existing.Id, "Changed", "Changed.", Ct))),
            await Outcome(() => a.Run(db => new DeleteSavedReply(db).ExecuteAsync(Slug, actor, existing.Id, Ct))),
        };
        Assert.All(outcomes, allowed => Assert.Equal(team, allowed));
        Assert.Equal(team ? ["New"] : ["Existing"],
            (await ListAsync(a, Actor.System)).Select(r => r.Title));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Replies_OtherProgram_NeitherSeenNorChanged(DatabaseProvider provider)
    {
        await using var a = await ProgramAdministration.CreateAsync(provider);
        var reply = await CreateAsync(a, Actor.User(a.Triager), "Ours");
        var other = Actor.User(a.OtherProgramAdmin);
        Assert.Empty(await ListAsync(a, other, ProgramAdministration.OtherSlug));
        // Another program's team names our reply under its own program: not there.
        await Assert.ThrowsAsync<NotFoundException>(() => a.Run(db => new UpdateSavedReply(db, a.Clock)
            .ExecuteAsync(ProgramAdministration.OtherSlug, other, reply.Id, "Theirs", "Theirs.", Ct)));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Run(db => new DeleteSavedReply(db)
            .ExecuteAsync(ProgramAdministration.OtherSlug, other, reply.Id, Ct)));
        // The same title is free in another program.
        await a.Run(db => new CreateSavedReply(db, a.Clock)
            .ExecuteAsync(ProgramAdministration.OtherSlug, other, "OURS", "Another program's.", Ct));
        Assert.Equal(["Ours"], (await ListAsync(a, Actor.System)).Select(r => r.Title));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Title_SameIgnoringCase_Conflict(DatabaseProvider provider)
    {
        await using var a = await ProgramAdministration.CreateAsync(provider);
        var triager = Actor.User(a.Triager);
        await CreateAsync(a, triager, "Out of scope");
        var second = await CreateAsync(a, triager, "Duplicate");

        var created = await Assert.ThrowsAsync<ConflictException>(() => CreateAsync(a, triager, "OUT OF SCOPE"));
        Assert.StartsWith("title:", created.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(() => a.Run(db => new UpdateSavedReply(db, a.Clock)
            .ExecuteAsync(Slug, triager, second.Id, "out of Scope", "x", Ct)));
        // Its own title in another case is no conflict.
        var renamed = await a.Run(db => new UpdateSavedReply(db, a.Clock)
            .ExecuteAsync(Slug, triager, second.Id, "DUPLICATE", "Duplicate of {report}.", Ct));
        Assert.Equal("DUPLICATE", renamed.Title);
        Assert.Equal(2, (await ListAsync(a, triager)).Count);
    }

    /// <summary>The unique index holds the rule when two requests pass the check at once.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Title_TakenBetweenCheckAndSave_ConflictNotError(DatabaseProvider provider)
    {
        await using var a = await ProgramAdministration.CreateAsync(provider);
        await using var db = a.Open();
        var program = await db.Programs.SingleAsync(p => p.Slug == Slug, Ct);
        db.SavedReplies.Add(new SavedReplyEntity
        {
            ProgramId = program.Id,
            Title = "Race",
            TitleKey = SavedReplyRules.KeyOf("race"),
            Body = "First.",
        });
        await db.SaveChangesAsync(Ct);
        db.SavedReplies.Add(new SavedReplyEntity
        {
            ProgramId = program.Id,
            Title = "RACE",
            TitleKey = SavedReplyRules.KeyOf("RACE"),
            Body = "Second.",
        });
        await Assert.ThrowsAsync<ConflictException>(() => SavedReplyRules.SaveAsync(db, "RACE", Ct));
    }

    [Theory]
    [InlineData("", "Body.", "title")]
    [InlineData("   ", "Body.", "title")]
    [InlineData(null, "Body.", "title")]
    [InlineData("Title", "", "body")]
    [InlineData("Title", null, "body")]
    [InlineData("121", "Body.", "title")]
    [InlineData("Title", "20001", "body")]
    public async Task Create_BadInput_NamesTheField(string? title, string? body, string field)
    {
        await using var a = await ProgramAdministration.CreateAsync(DatabaseProvider.Sqlite);
        title = title == "121" ? new string('t', 121) : title;
        body = body == "20001" ? new string('b', 20_001) : body;
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            a.Run(db => new CreateSavedReply(db, a.Clock).ExecuteAsync(Slug, Actor.User(a.Triager), title, body, Ct)));
        Assert.Equal([field], e.Errors.Keys);
        Assert.Empty(await ListAsync(a, Actor.System));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_LongestTitleAndBody_Stored(DatabaseProvider provider)
    {
        await using var a = await ProgramAdministration.CreateAsync(provider);
        var title = new string('é', SavedReplyRules.MaxTitleLength);
        var body = new string('b', SavedReplyRules.MaxBodyLength);
        await CreateAsync(a, Actor.User(a.Triager), title, body);
        var stored = Assert.Single(await ListAsync(a, Actor.System));
        Assert.Equal((title, body), (stored.Title, stored.Body));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_ProgramHoldsTheMost_ConflictUntilOneIsDeleted(DatabaseProvider provider)
    {
        await using var a = await ProgramAdministration.CreateAsync(provider);
        await SeedRepliesAsync(a, SavedReplyRules.MaxPerProgram);
        var triager = Actor.User(a.Triager);
        var e = await Assert.ThrowsAsync<ConflictException>(() => CreateAsync(a, triager, "One too many"));
        Assert.Contains("200", e.Message, StringComparison.Ordinal);
        // The other program's limit is its own.
        await a.Run(db => new CreateSavedReply(db, a.Clock).ExecuteAsync(ProgramAdministration.OtherSlug,
            Actor.User(a.OtherProgramAdmin), "Reply 1", "Text.", Ct));

        var first = (await ListAsync(a, triager))[0];
        await a.Run(db => new DeleteSavedReply(db).ExecuteAsync(Slug, triager, first.Id, Ct));
        await CreateAsync(a, triager, "One too many");
        Assert.Equal(SavedReplyRules.MaxPerProgram, (await ListAsync(a, triager)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_ManyAtOnceNearTheMost_KeepsTheCap(DatabaseProvider provider)
    {
        await using var a = await ProgramAdministration.CreateAsync(provider);
        const int room = 3, racing = 8;
        await SeedRepliesAsync(a, SavedReplyRules.MaxPerProgram - room);
        var triager = Actor.User(a.Triager);

        // Each creation counts the replies and inserts one; without the program's lock all eight count 197.
        var created = await Task.WhenAll(Enumerable.Range(1, racing).Select(i => Task.Run(async () =>
        {
            try
            {
                await CreateAsync(a, triager, $"Racing {i}");
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        })));

        Assert.Equal((room, SavedReplyRules.MaxPerProgram),
            (created.Count(c => c), (await ListAsync(a, triager)).Count));
    }

    /// <summary>Stores <paramref name="count"/> replies in the program directly ("Reply 1", "Reply 2", …).</summary>
    private static async Task SeedRepliesAsync(ProgramAdministration a, int count)
    {
        await using var db = a.Open();
        var program = await db.Programs.SingleAsync(p => p.Slug == Slug, Ct);
        db.SavedReplies.AddRange(Enumerable.Range(1, count).Select(i => new SavedReplyEntity
        {
            ProgramId = program.Id,
            Title = $"Reply {i}",
            TitleKey = $"REPLY {i}",
            Body = "Text.",
        }));
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<bool> Outcome(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
