using Microsoft.EntityFrameworkCore;
using Vigil.Cli.Tests.Infrastructure;
using Vigil.Core.Data;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil admin user confirm</c> and <c>reset-link</c>: how an instance without e-mail lets people
/// in.</summary>
public sealed class AdminAccountLinkTests
{
    [Fact]
    public async Task Confirm_UnconfirmedAccount_IsConfirmed_ResetLinkPrintsAOneUseLinkStoredAsAHash()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "vigil.db");
        await CliRunner.RunAsync("admin", "create-admin", "--email", "root@example.test", "--database", db);
        await using (var context = VigilDatabase.Open(DatabaseTarget.Sqlite(db)))
        {
            // As a registration through the page leaves it: not confirmed.
            await context.Users.ExecuteUpdateAsync(set => set.SetProperty(u => u.EmailConfirmed, false),
                TestContext.Current.CancellationToken);
        }

        var confirm = await CliRunner.RunAsync("admin", "user", "confirm", "--email", "root@example.test", "--database",
            db);
        var link = await CliRunner.RunAsync("admin", "user", "reset-link", "--email", "root@example.test",
            "--public-url", "https://vigil.example.org", "--database", db);
        var bad = await CliRunner.RunAsync("admin", "user", "reset-link", "--email", "root@example.test",
            "--public-url", "ftp://x", "--database", db);

        Assert.Equal((0, 0, 2), (confirm.ExitCode, link.ExitCode, bad.ExitCode));
        Assert.Contains("is confirmed", confirm.Out, StringComparison.Ordinal);
        var url = link.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        Assert.Matches(
            "^https://vigil\\.example\\.org/account/new-password#user=[0-9a-f-]{36}&token=[A-Za-z0-9_-]{43}$", url);
        Assert.Contains("--public-url", bad.Err, StringComparison.Ordinal);
        await using var after = VigilDatabase.Open(DatabaseTarget.Sqlite(db));
        Assert.True(await after.Users.Select(u => u.EmailConfirmed).SingleAsync(TestContext.Current.CancellationToken));
        var stored = await after.UserTokens.Where(t => t.LoginProvider == "VigilLink").Select(t => t.Value!)
            .ToListAsync(TestContext.Current.CancellationToken);
        var token = url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        Assert.Single(stored); // the reset link's; the confirmation's was spent
        Assert.DoesNotContain(token, stored[0], StringComparison.Ordinal);
    }
}
