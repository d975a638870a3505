using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Accounts;

/// <summary>
/// What an account may register as its OpenPGP key, with keys made by BouncyCastle in the test: each fault is
/// refused on <c>publicKey</c> with words naming it; a good key is registered, replaced and removed on both
/// databases.
/// </summary>
public class AccountKeysTests
{
    private const string Email = "ada@example.test";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Faults() => new()
    {
        { "empty", "at most 64 KiB" },
        { "too long", "at most 64 KiB" },
        { "not armored", "not an ASCII-armored OpenPGP public key" },
        { "secret key", "this is a secret key" },
        { "damaged", "not a readable OpenPGP public key" },
        { "no encryption subkey", "no encryption key valid now" },
        { "expired", "the key expired on Wednesday 2 December 2026" },
        { "revoked", "the key is revoked" },
        { "user id mismatch", $"no user id of the key carries your account's address ({Email})" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Parse_AFaultyKey_IsRefusedNamingTheField(string fault, string words)
    {
        var created = Now.UtcDateTime.AddYears(-1);
        var good = TestOpenPgpKeys.Armored(TestOpenPgpKeys.Make($"Ada <{Email}>", created));
        var armored = fault switch
        {
            "empty" => "  ",
            "too long" => new string('A', OpenPgpPublicKey.MaxArmoredLength + 1),
            "not armored" => "mQINBGX just base64, no armor",
            "secret key" => "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQ==\n-----END PGP PRIVATE KEY BLOCK-----\n",
            "damaged" => good[..(good.Length / 2)] + "\n-----END PGP PUBLIC KEY BLOCK-----\n",
            "no encryption subkey" => TestOpenPgpKeys.Armored(
                TestOpenPgpKeys.Make($"Ada <{Email}>", created, encryptionSubkey: false)),
            // Made 370 days ago for 365 days: it expired five days before now.
            "expired" => TestOpenPgpKeys.Armored(TestOpenPgpKeys.Make($"Ada <{Email}>",
                Now.UtcDateTime.AddDays(-370), TimeSpan.FromDays(365))),
            "revoked" => TestOpenPgpKeys.Revoked(TestOpenPgpKeys.Make($"Ada <{Email}>", created)),
            "user id mismatch" => TestOpenPgpKeys.Armored(TestOpenPgpKeys.Make("Ada <ada@elsewhere.test>", created)),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };

        var refused = Assert.Throws<ValidationFailedException>(() => OpenPgpPublicKey.Parse(armored, Email, Now));

        var problem = Assert.Single(Assert.Contains(OpenPgpPublicKey.Field, refused.Errors));
        Assert.Contains(words, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AGoodKey_EncryptsToItsSubkeyAndTellsItsDates()
    {
        var created = Now.UtcDateTime.AddDays(-10);
        var ring = TestOpenPgpKeys.Make("Ada Lovelace <ADA@example.test>", created, TimeSpan.FromDays(365));

        var key = OpenPgpPublicKey.Parse(TestOpenPgpKeys.Armored(ring), Email, Now);

        Assert.Equal(TestOpenPgpKeys.Fingerprint(ring), key.Fingerprint);
        Assert.Equal(new DateTimeOffset(created.AddTicks(-(created.Ticks % TimeSpan.TicksPerSecond)), TimeSpan.Zero),
            key.Created);
        Assert.Equal(key.Created.AddDays(365), key.Expires);
        var subkey = ring.Public.GetPublicKeys().Skip(1).Single();
        Assert.Equal(subkey.KeyId, key.EncryptionKey(Now)?.KeyId);
        Assert.Null(key.EncryptionKey(Now.AddDays(400)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Register_ReplaceAndRemove_OneKeyPerAccount(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        var user = Guid.NewGuid();
        await using (var db = database.Open())
        {
            db.Users.Add(new VigilUser { Id = user, UserName = Email, Email = Email });
            await db.SaveChangesAsync(Ct);
        }
        var first = TestOpenPgpKeys.Make($"Ada <{Email}>", Now.UtcDateTime.AddDays(-1));
        var second = TestOpenPgpKeys.Make($"Ada <{Email}>", Now.UtcDateTime.AddDays(-1));
        var actor = Actor.User(user);

        await using (var db = database.Open())
        {
            var registered = await new RegisterAccountKey(db, clock).ExecuteAsync(
                actor, TestOpenPgpKeys.Armored(first), Ct);
            Assert.Equal(TestOpenPgpKeys.Fingerprint(first), registered.Fingerprint);
            Assert.Null(registered.Expires);
        }
        await using (var db = database.Open())
        {
            await new RegisterAccountKey(db, clock).ExecuteAsync(actor, TestOpenPgpKeys.Armored(second), Ct);
            var shown = await new GetAccountKey(db).ExecuteAsync(actor, Ct);
            Assert.Equal(TestOpenPgpKeys.Fingerprint(second), shown?.Fingerprint);
            Assert.Equal(1, await db.AccountKeys.CountAsync(Ct));
            Assert.Null(await new GetAccountKey(db).ExecuteAsync(Actor.User(Guid.NewGuid()), Ct));
            await Assert.ThrowsAsync<NotFoundException>(() => new GetAccountKey(db).ExecuteAsync(Actor.Anonymous, Ct));
        }
        await using (var db = database.Open())
        {
            await new RemoveAccountKey(db).ExecuteAsync(actor, Ct);
            Assert.Null(await new GetAccountKey(db).ExecuteAsync(actor, Ct));
            await Assert.ThrowsAsync<NotFoundException>(() => new RemoveAccountKey(db).ExecuteAsync(actor, Ct));
        }
    }
}
