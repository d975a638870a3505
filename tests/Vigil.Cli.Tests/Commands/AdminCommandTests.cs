using Microsoft.EntityFrameworkCore;
using Vigil.Cli.Tests.Infrastructure;
using Vigil.Core.Data;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil admin</c>: a fresh instance set up from the shell.</summary>
public sealed class AdminCommandTests
{
    [Fact]
    public async Task Admin_FreshInstance_AdminProgramTeamMaintainerAndToken()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "vigil.db");

        var admin = await CliRunner.RunAsync("admin", "create-admin", "--email", "root@example.test", "--database", db);
        var member = await CliRunner.RunAsync("admin", "create-admin", "--email", "tri@example.test", "--database", db);
        var program = await CliRunner.RunAsync("admin", "program", "create", "npm-eco", "--name", "npm ecosystem",
            "--prefix", "NPMSEC",
            "--ecosystem", "npm", "--time-zone", "Europe/Berlin", "--holiday", "2026-12-25", "--reserved-cve",
            "CVE-2026-41001", "--database", db);
        var add = await CliRunner.RunAsync("admin", "program", "add-member", "npm-eco", "--email", "tri@example.test",
            "--role", "triager", "--database", db);
        var maintainer = await CliRunner.RunAsync("admin", "maintainer", "add", "npm", "deep-merge", "--email",
            "dev@example.test", "--database", db);
        var programMaintainer = await CliRunner.RunAsync("admin", "maintainer", "add", "npm", "deep-merge", "--account",
            "tri@example.test", "--program", "npm-eco", "--database", db);
        var token = await CliRunner.RunAsync("admin", "token", "create", "--email", "root@example.test", "--name", "ci",
            "--scope", "reports:read", "--scope", "reports:write", "--database", db);
        var list = await CliRunner.RunAsync("admin", "user", "list", "--database", db);

        Assert.All(new[] { admin, member, program, add, maintainer, programMaintainer, token, list },
            r => Assert.Equal(0, r.ExitCode));
        Assert.Matches("Password \\(shown once\\): \\S{20,}", admin.Out);
        Assert.Contains("must turn on two-factor", add.Out, StringComparison.Ordinal);
        var secret = token.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Last();
        Assert.StartsWith("vgl_", secret, StringComparison.Ordinal);
        Assert.Contains("root@example.test  admin  2fa:off", list.Out, StringComparison.Ordinal);
        await using var context = VigilDatabase.Open(DatabaseTarget.Sqlite(db));
        var stored = await context.Programs.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("Europe/Berlin", "NPMSEC", 2, 45),
            (stored.TimeZone, stored.AdvisoryIdPrefix, stored.TriageBusinessDays, stored.PublicationDays));
        Assert.Equal(1, await context.ProgramMembers.CountAsync(TestContext.Current.CancellationToken));
        // Without --program an instance-wide link; with it, a record of that program.
        Assert.Equal([null, stored.Id],
            await context.PackageMaintainers.OrderBy(m => m.Id).Select(m => m.ProgramId)
                .ToListAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(secret,
            string.Concat(
                (await context.ApiTokens.ToListAsync(TestContext.Current.CancellationToken)).Select(t =>
                    t.Name + t.Hint)),
            StringComparison.Ordinal);

        var revoke = await CliRunner.RunAsync("admin", "token", "revoke", "1", "--email", "root@example.test",
            "--database", db);
        Assert.Equal(0, revoke.ExitCode);
        Assert.NotNull(
            (await context.ApiTokens.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken)).RevokedAt);
    }

    [Theory]
    [InlineData(2, "'Bad Slug' is not a program slug", "admin", "program", "create", "Bad Slug", "--name", "x",
        "--prefix", "NPMSEC")]
    [InlineData(2, "timeZone", "admin", "program", "create", "ok", "--name", "x", "--prefix", "NPMSEC", "--time-zone",
        "Mars/Olympus")]
    [InlineData(1, "no account with the e-mail address 'nobody@example.test'", "admin", "token", "create", "--email",
        "nobody@example.test", "--name", "n", "--scope", "admin")]
    [InlineData(1, "No program 'missing'", "admin", "program", "add-member", "missing", "--email", "root@example.test")]
    public async Task Admin_BadInput_SaysWhatIsWrong(int exit, string message, params string[] args)
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "vigil.db");
        await CliRunner.RunAsync("admin", "create-admin", "--email", "root@example.test", "--database", db);

        var result = await CliRunner.RunAsync([.. args, "--database", db]);

        Assert.Equal(exit, result.ExitCode);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
    }
}
