using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Accounts;
using Vigil.Core.Attachments;
using Vigil.Core.Bounties;
using Vigil.Core.Clock;
using Vigil.Core.Data;
using Vigil.Core.ExtensionVotes;
using Vigil.Core.Notifications;
using Vigil.Core.Profiles;
using Vigil.Core.Programs;
using Vigil.Core.Publication;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Data.Upgrades;

/// <summary>
/// Every kind of record an instance holds, written through the use cases where there is one (accounts' identity rows, a
/// webhook, a deadline taken and a credit are written as the server would store them): the content of the upgrade
/// fixtures. Fixed ids, a fixed clock and a fixed master key make two runs hold the same data.
/// </summary>
internal static class UpgradeFixtureData
{
    /// <summary>The fixtures' master key: a test key, never used anywhere else.</summary>
    public const string MasterKey = "dXBncmFkZS1maXh0dXJlLWtleS0zMi1ieXRlcyEhISE=";

    public static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid Admin = new("a0000000-0000-0000-0000-000000000001");
    public static readonly Guid Triager = new("a0000000-0000-0000-0000-000000000002");
    public static readonly Guid Maintainer = new("a0000000-0000-0000-0000-000000000003");
    public static readonly Guid Reporter = new("a0000000-0000-0000-0000-000000000004");

    public static ReportVault Vault => new(Convert.FromBase64String(MasterKey));

    public static async Task FillAsync(DatabaseTarget target, CancellationToken ct)
    {
        var clock = new FakeTimeProvider(Start);
        var vault = Vault;
        async Task Run(Func<VigilDbContext, Task> action)
        {
            await using var db = VigilDatabase.Open(target);
            await action(db);
        }
        var admin = Actor.User(Admin, twoFactor: true);
        var triager = Actor.User(Triager, twoFactor: true);

        await Run(async db =>
        {
            foreach (var (id, email, isAdmin) in new[] { (Admin, "admin@example.test", true),
                (Triager, "triager@example.test", false),
                (Maintainer, "maintainer@example.test", false), (Reporter, "reporter@example.test", false) })
            {
                db.Users.Add(new VigilUser
                {
                    Id = id,
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    TwoFactorEnabled = id != Reporter,
                    IsInstanceAdmin = isAdmin,
                    DisplayName = $"The {email.Split('@')[0]}",
                    CreatedAt = Start,
                    SecurityStamp = id.ToString("N"),
                    ConcurrencyStamp = id.ToString("N"),
                    PasswordHash = "AQAAAAIAAYagAAAAEFixtureFixtureFixtureFixtureFixtureFixtureFixtureFixture==",
                    ProfileHandle = id == Reporter ? "finder" : null,
                });
            }
            var role = new IdentityRole<Guid>
            {
                Id = new("b0000000-0000-0000-0000-000000000001"),
                Name = "auditor",
                NormalizedName = "AUDITOR",
                ConcurrencyStamp = "1"
            };
            db.Roles.Add(role);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = Admin, RoleId = role.Id });
            db.RoleClaims.Add(
                new IdentityRoleClaim<Guid> { RoleId = role.Id, ClaimType = "scope", ClaimValue = "audit" });
            db.UserClaims.Add(
                new IdentityUserClaim<Guid> { UserId = Admin, ClaimType = "note", ClaimValue = "first administrator" });
            db.UserLogins.Add(
                new IdentityUserLogin<Guid>
                {
                    UserId = Triager,
                    LoginProvider = "github",
                    ProviderKey = "12345",
                    ProviderDisplayName = "GitHub"
                });
            db.UserTokens.Add(
                new IdentityUserToken<Guid>
                {
                    UserId = Triager,
                    LoginProvider = "[AspNetUserStore]",
                    Name = "AuthenticatorKey",
                    Value = "JBSWY3DPEHPK3PXP"
                });
            db.Set<IdentityUserPasskey<Guid>>().Add(new IdentityUserPasskey<Guid>
            {
                UserId = Triager,
                CredentialId = [1, 2, 3, 4],
                Data = new IdentityPasskeyData
                {
                    PublicKey = [5, 6, 7, 8],
                    Name = "laptop",
                    CreatedAt = Start,
                    SignCount = 1,
                    Transports = ["internal"],
                    IsUserVerified = true,
                    IsBackupEligible = false,
                    IsBackedUp = false,
                    AttestationObject = [9],
                    ClientDataJson = [10],
                },
            });
            await db.SaveChangesAsync(ct);
            await new ApiTokens(db, clock).CreateAsync(Triager, "ci", [ApiScopes.ReportsRead, ApiScopes.ReportsWrite],
                null, ct);
        });

        await Run(async db =>
        {
            await new CreateProgram(db, clock).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"], ReservedCveIds: ["CVE-2026-90001"]), ct);
            await new AddProgramMember(db, clock).ExecuteAsync("npm-eco", Admin, ProgramRole.Admin, ct);
            await new AddProgramMember(db, clock).ExecuteAsync("npm-eco", Triager, ProgramRole.Triager, ct);
            await new AddPackageMaintainer(db, clock).ExecuteAsync("npm-eco", Actor.System, "npm", "deep-merge",
                "dev@deep-merge.test", "maintainer@example.test", ct);
            await new SetBountyTable(db, clock).ExecuteAsync("npm-eco", admin, new BountyTableInput("EUR",
                [new BountyRangeInput("high", 500m, 2000m), new BountyRangeInput("critical", 2000m, 10000m)],
                "npm packages", "denial of service", PaysFixer: true),
                ct);
            var program = db.Programs.Single();
            db.WebhookEndpoints.Add(
                new WebhookEndpointEntity
                {
                    ProgramId = program.Id,
                    Url = "https://hooks.example.test/vigil",
                    Secret = "whsec_fixture",
                    EventFilter = "report.*"
                });
            await db.SaveChangesAsync(ct);
        });

        // Report 1: the whole process, published with a correction, a bounty paid, an extension voted.
        var attachmentOptions = Options.Create(new AttachmentOptions());
        long first = 0;
        await Run(async db =>
        {
            var submitted = await Use<SubmitReport>(db, vault, clock).ExecuteAsync("npm-eco",
                new SubmitReportRequest([new ReportPackageInput("npm", "deep-merge", "<=1.4.1")],
                    "Prototype pollution in deep-merge",
                    "Merging crafted keys pollutes Object.prototype. ünïcödé ✓",
                    "require('deep-merge')({}, JSON.parse(payload))",
                    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CWE-1321", "reporter@example.test", "Ada Finder",
                    Attachments: [new AttachmentUpload("poc.js", "// proof\n"u8.ToArray())]), Actor.User(Reporter), ct);
            first = submitted.Id;
        });
        clock.Advance(TimeSpan.FromHours(3));
        await Run(
            db =>
                new CommentOnReport(db, vault, clock).ExecuteAsync(first, Actor.User(Reporter), "Also affects the CLI.",
                    false, ct));
        await Run(db => Use<TriageReport>(db, vault, clock).AcceptAsync(first, triager, ct));
        await Run(
            db => new CommentOnReport(db, vault, clock).ExecuteAsync(first, triager, "Confirmed locally.", true, ct));
        await Run(db => Use<InviteMaintainer>(db, vault, clock).ExecuteAsync(first, triager, Maintainer, null, ct));
        await Run(
            db =>
                Use<InviteMaintainer>(db, vault, clock)
                    .ExecuteAsync(first, triager, null, "co-maintainer@deep-merge.test", ct));
        await Run(
            db =>
                new AttachToReport(db, vault, clock, attachmentOptions).ExecuteAsync(first,
                    Actor.User(Maintainer, twoFactor: true),
            [new AttachmentUpload("fix.patch", "--- a\n+++ b\n"u8.ToArray())], cancellationToken: ct));
        await Run(db => new Vigil.Core.Cve.AssignCve(db, clock).ReserveFromBlockAsync(first, triager, ct));
        await Run(async db =>
        {
            var due = db.Reports.Single(r => r.Id == first).PublicationDueAt!.Value;
            await new RequestExtension(db, vault, clock).ExecuteAsync(first, triager, "The maintainer needs a week.",
                due.AddDays(7), ct);
        });
        await Run(db => new CastExtensionVote(db, clock).ExecuteAsync(first, Actor.User(Reporter), true, ct));
        await Run(db => new AdvanceReport(db, clock).StartFixAsync(first, triager, ct));
        await Run(
            db =>
                new AdvanceReport(db, clock).MarkFixedAsync(first, triager,
                    new Dictionary<string, string> { ["deep-merge"] = "1.4.2" }, ct));
        await Run(db => new SetDisclosureDate(db, clock).ExecuteAsync(first, triager, Start.AddDays(10), ct));
        await Run(
            db =>
                new ReportCredits(db, vault, clock).SetAsync(first, triager,
                    [new CreditInput("Ada Finder", "FINDER", Reporter)],
            [new ReferenceInput("FIX", "https://example.test/deep-merge/commit/1")], ct));
        await Run(
            db =>
                new AwardBounty(db, vault, clock).ExecuteAsync(first, triager,
                    new AwardInput("high", 1000m, 250m, Maintainer, "Clear report."), ct));
        string advisory = "";
        await Run(
            async db => advisory = (await Use<PublishReport>(db, vault, clock).ExecuteAsync(first, triager, ct)).Id);
        await Run(
            db =>
                new CorrectAdvisory(db, vault, clock).ExecuteAsync(advisory, triager,
                    new AdvisoryCorrection("A clearer summary.",
                        Summary: "Prototype pollution in deep-merge before 1.4.2"),
                    ct));
        await Run(
            db =>
                new BountyPayments(db, clock).MarkPaidAsync(first, admin, BountyRecipient.Finder,
                    DateOnly.FromDateTime(Start.UtcDateTime), ct));

        // Report 2: anonymous, asked for more information; report 3: rejected as a duplicate of report 1.
        long second = 0;
        await Run(async db => second = (await Use<SubmitReport>(db, vault, clock).ExecuteAsync("npm-eco",
            new SubmitReportRequest([new ReportPackageInput("npm", "left-pad", "<1.3.0")], "ReDoS in left-pad",
                "Slow on long input."),
            Actor.Anonymous, ct)).Id);
        await Run(
            db =>
                Use<TriageReport>(db, vault, clock).AskForInformationAsync(second, triager, "Which input length?", ct));
        await Run(async db =>
        {
            var third = await Use<SubmitReport>(db, vault, clock).ExecuteAsync("npm-eco",
                new SubmitReportRequest([new ReportPackageInput("npm", "deep-merge", "<=1.4.1")], "Same pollution",
                    "Seen it too."),
                Actor.Anonymous, ct);
            await Use<TriageReport>(db, vault, clock)
                .RejectAsync(third.Id, triager, RejectionReason.Duplicate, first, "Already reported.", ct);
        });

        // What the server's background work leaves: a deadline taken, a queued e-mail, a credit on the reporter's
        // profile.
        await Run(async db =>
        {
            db.DeadlineActions.Add(
                new DeadlineActionEntity
                {
                    ReportId = second,
                    Action = DeadlineAction.TriageReminder,
                    DueAt = Start.AddDays(1),
                    TakenAt = Start.AddDays(1)
                });
            new EnqueueNotification(db, clock, vault).Email(NotificationEvent.ReportReceived,
                new NotificationFacts("npm ecosystem", second, new Uri("https://vigil.example.test/reports/2")),
                ["triager@example.test"]);
            if (!db.CreditedAdvisories.Any())
            {
                db.CreditedAdvisories.Add(new CreditedAdvisoryEntity
                {
                    UserId = Reporter,
                    AdvisoryId = advisory,
                    ProgramId = db.Programs.Single().Id,
                    ReportId = first,
                    Type = "FINDER",
                    CreditedAt = Start,
                });
            }
            await db.SaveChangesAsync(ct);
        });
    }

    private static T Use<T>(VigilDbContext db, ReportVault vault, TimeProvider clock) where T : notnull =>
        UseCases.Compose<T>(db, clock, vault);
}
