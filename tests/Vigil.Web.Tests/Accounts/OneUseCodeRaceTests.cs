using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Accounts;

/// <summary>
/// One authenticator code checked twice at the same instant passes once. The two checks are held right after each
/// has read the account's last used step, until both have read it, so both decide on the same value; then both write.
/// Both the very first code of an account (no step stored yet) and a later one, on both databases.
/// </summary>
public sealed class OneUseCodeRaceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SameCode_TwoChecksAtOnce_OnlyOnePasses(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var hold = new HoldAfterRead();
        await using var factory = test.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<VigilDbContext>(options => options.AddInterceptors(hold))));
        Guid id;
        string key;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
            var user = new VigilUser
            {
                UserName = "ada@example.test",
                Email = "ada@example.test",
                EmailConfirmed = true
            };
            Assert.True((await users.CreateAsync(user, "a long enough password")).Succeeded);
            await users.ResetAuthenticatorKeyAsync(user);
            (id, key) = (user.Id, (await users.GetAuthenticatorKeyAsync(user))!);
        }
        var totp = new Totp(Base32Encoding.ToBytes(key));

        var first = await BothAsync(factory, id, totp.ComputeTotp(DateTime.UtcNow), hold);
        // the next step: drift allows it
        var later = await BothAsync(factory, id, totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)), hold);

        Assert.Equal(1, first.Count(passed => passed));
        Assert.Equal(1, later.Count(passed => passed));
    }

    private static async Task<bool[]> BothAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory,
        Guid id, string code, HoldAfterRead hold)
    {
        hold.Arm(2);
        var checks = await Task.WhenAll(CheckAsync(factory, id, code), CheckAsync(factory, id, code));
        Assert.True(hold.BothRead, "the two checks did not both read the last step before writing");
        return checks;
    }

    private static async Task<bool> CheckAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory,
        Guid id, string code)
    {
        await Task.Yield();
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
        var user = (await users.FindByIdAsync(id.ToString()))!;
        return await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code);
    }

    /// <summary>Holds each read of the last step until the armed number of reads has happened (or 10 s have
    /// passed).</summary>
    private sealed class HoldAfterRead : DbCommandInterceptor
    {
        private int _waiting;
        private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool BothRead { get; private set; }

        public void Arm(int reads)
        {
            _waiting = reads;
            BothRead = false;
            _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains(Web.Accounts.OneUseAuthenticatorTokenProvider.LastStepQueryTag,
                StringComparison.Ordinal))
            {
                if (Interlocked.Decrement(ref _waiting) == 0)
                {
                    BothRead = true;
                    _all.TrySetResult();
                }
                await Task.WhenAny(_all.Task, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
            }
            return result;
        }
    }
}
