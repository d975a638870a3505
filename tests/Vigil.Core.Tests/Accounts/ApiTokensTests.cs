using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Tests.Accounts;

public class ApiTokensTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Validate_LiveExpiredRevoked_OnlyTheLiveOnePasses(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var user = await UserAsync(database);

        string live, expiring, revoked;
        await using (var db = database.Open())
        {
            var tokens = new ApiTokens(db, clock);
            live = (await tokens.CreateAsync(user, "live", [ApiScopes.ReportsRead], null, Ct)).Secret;
            expiring = (await tokens.CreateAsync(user, "short", [ApiScopes.ReportsRead], TimeSpan.FromDays(1),
                Ct)).Secret;
            var r = await tokens.CreateAsync(user, "revoked", [ApiScopes.ReportsWrite], null, Ct);
            revoked = r.Secret;
            await tokens.RevokeAsync(user, r.Info.Id, Ct);
            await Assert.ThrowsAsync<NotFoundException>(() => tokens.RevokeAsync(Guid.NewGuid(), r.Info.Id, Ct));
        }
        clock.Advance(TimeSpan.FromDays(2));

        await using var check = database.Open();
        var validator = new ApiTokens(check, clock);
        Assert.NotNull(await validator.ValidateAsync(live, Ct));
        Assert.Null(await validator.ValidateAsync(expiring, Ct));
        Assert.Null(await validator.ValidateAsync(revoked, Ct));
        Assert.Null(await validator.ValidateAsync(live + "x", Ct));
        Assert.Equal(clock.GetUtcNow(), (await validator.ListAsync(user, Ct)).Single(t => t.Name == "live").LastUsedAt);
    }

    [Theory]
    [InlineData("", "reports:read", "name")]
    [InlineData("ci", "root", "scopes")]
    public async Task Create_Invalid_NamesTheField(string name, string scope, string field)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var user = await UserAsync(database);
        await using var db = database.Open();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => new ApiTokens(db, TimeProvider.System).CreateAsync(user, name, [scope], null, Ct));

        Assert.Equal([field], error.Errors.Keys);
    }

    private static async Task<Guid> UserAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var user = new VigilUser
        {
            Id = Guid.NewGuid(),
            UserName = "u@example.test",
            NormalizedUserName = "U@EXAMPLE.TEST",
            Email = "u@example.test"
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user.Id;
    }
}
