using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

/// <summary>Credits: the advisory's credits and references, set by the team, declinable by the credited
/// person.</summary>
public class ReportCreditsTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Publish_CreditsAndReferences_DeclinedOnesLeftOut(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var submitted = await d.SubmitAsync(); // credit name "Ada Researcher" as finder
        await d.AcceptAsync(submitted.Id);
        var triager = Actor.User(d.Triager);
        await d.Run(db => new ReportCredits(db, d.Vault, d.Clock).SetAsync(submitted.Id, triager,
            [new CreditInput("Vigil security team", "COORDINATOR"),
                new CreditInput("Max Maintainer", "REMEDIATION_DEVELOPER", d.Maintainer),
                new CreditInput("Linus Lint", "TOOL")],
            [new ReferenceInput("FIX", "https://github.com/example/deep-merge/commit/abc123")], Ct));
        await d.Run(db => d.Use<InviteMaintainer>(db).ExecuteAsync(submitted.Id, triager, d.Maintainer, null, Ct));

        await d.Run(
            db =>
                new ReportCredits(db, d.Vault, d.Clock).DeclineAsync(submitted.Id,
                    Actor.FollowUp(submitted.FollowUpToken!), Ct));
        await d.Run(
            db => new ReportCredits(db, d.Vault, d.Clock).DeclineAsync(submitted.Id, Actor.User(d.Maintainer), Ct));
        var view = await d.ViewAsync(submitted.Id, triager);
        Assert.True(view.FinderCreditDeclined);
        Assert.True(view.Credits.Single(c => c.Type == "REMEDIATION_DEVELOPER").Declined);
        var published = await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(submitted.Id, triager, Ct));

        var document = JsonNode.Parse(
            await d.Run(db => db.Advisories.Where(a => a.Id == published.Id).Select(a => a.Document).SingleAsync(Ct)))!;
        Assert.Equal(["Vigil security team:COORDINATOR", "Linus Lint:TOOL"],
            document["credits"]!.AsArray().Select(c => $"{c!["name"]}:{c["type"]}"));
        Assert.Contains(document["references"]!.AsArray(),
            r =>
                r!["type"]!.GetValue<string>() == "FIX"
                    && r["url"]!.GetValue<string>().EndsWith("abc123", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Set_ByOutsiderReporterOrWithBadTypes_IsRefused()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var submitted = await d.SubmitAsync();
        await d.AcceptAsync(submitted.Id);
        Task Set(Actor actor, string type, string url) =>
            d.Run(
                db =>
                    new ReportCredits(db, d.Vault, d.Clock).SetAsync(submitted.Id, actor, [new CreditInput("X", type)],
                        [new ReferenceInput("FIX", url)], Ct));

        await Assert.ThrowsAsync<NotFoundException>(
            () => Set(Actor.User(d.Stranger), "COORDINATOR", "https://example.test/fix"));
        await Assert.ThrowsAsync<ConflictException>(
            () => Set(Actor.FollowUp(submitted.FollowUpToken!), "COORDINATOR", "https://example.test/fix"));
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(
            () => Set(Actor.User(d.Triager), "HERO", "javascript:alert(1)"));
        Assert.Contains("'HERO' is not an OSV credit type", bad.Errors["credits[0].type"][0], StringComparison.Ordinal);
        Assert.Contains("not an http(s) URL", bad.Errors["references[0].url"][0], StringComparison.Ordinal);
        Assert.Empty((await d.ViewAsync(submitted.Id, Actor.User(d.Triager))).Credits);
    }

    [Fact]
    public async Task Decline_WithNoCreditOfYours_IsAConflict()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var submitted = await d.SubmitAsync(Disclosure.Request() with { CreditName = null });

        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            d.Run(
                db =>
                    new ReportCredits(db, d.Vault, d.Clock).DeclineAsync(submitted.Id,
                        Actor.FollowUp(submitted.FollowUpToken!), Ct)));

        Assert.Contains("no credit of yours", error.Message, StringComparison.Ordinal);
    }
}
