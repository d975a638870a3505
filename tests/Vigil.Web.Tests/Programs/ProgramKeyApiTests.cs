using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;
using Role = Vigil.Web.Tests.Programs.AdminWorld.Role;

namespace Vigil.Web.Tests.Programs;

/// <summary>Keys made once by the real GnuPG for the class: the program's (passphrase-protected), one that only
/// signs, one that expired, and a public key alone.</summary>
public sealed class ProgramKeys : IAsyncLifetime
{
    public const string Passphrase = "correct horse battery staple";
    public GnuPG Gpg { get; } = new();
    public string Fingerprint { get; private set; } = "";
    public string Secret { get; private set; } = "";
    public string Public { get; private set; } = "";
    public string SignOnly { get; private set; } = "";
    public string Expired { get; private set; } = "";
    public string Revoked { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Fingerprint = await Gpg.NewKeyAsync("npm ecosystem <security@npm-eco.test>", Passphrase);
        Secret = await File.ReadAllTextAsync(await Gpg.ExportSecretKeyAsync(Fingerprint, Passphrase));
        Public = await Gpg.ExportPublicKeyAsync(Fingerprint);
        await Gpg.RunAsync("--pinentry-mode", "loopback", "--passphrase", "",
            "--quick-gen-key", "Signs Only <signs@npm-eco.test>", "rsa3072", "sign", "never");
        SignOnly = await Gpg.RunAsync("--armor", "--export-secret-keys", "signs@npm-eco.test");
        await Gpg.RunAsync("--faked-system-time", "20200101T000000!", "--pinentry-mode", "loopback",
            "--passphrase", "", "--quick-gen-key", "Old <old@npm-eco.test>", "rsa3072", "default", "1y");
        Expired = await Gpg.RunAsync("--armor", "--export-secret-keys", "old@npm-eco.test");
        // GnuPG keeps a revocation certificate for each key it makes; imported, it revokes the key.
        var revoked = await Gpg.NewKeyAsync("Revoked <revoked@npm-eco.test>");
        var certificate = System.IO.Path.Combine(Gpg.Home, "openpgp-revocs.d", $"{revoked}.rev");
        await File.WriteAllTextAsync(certificate,
            (await File.ReadAllTextAsync(certificate)).Replace(":-----BEGIN", "-----BEGIN", StringComparison.Ordinal));
        await Gpg.RunAsync("--import", certificate);
        Revoked = await Gpg.RunAsync("--armor", "--export-secret-keys", revoked);
    }

    public ValueTask DisposeAsync()
    {
        Gpg.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A program's own OpenPGP key for its mail intake (docs/email.md): set by its admins through the API with the real
/// GnuPG's secret key, sealed at rest, its public part served at <c>/programs/{slug}/pgp-key.txt</c>, shown with its
/// fingerprint on the program page and named in its SECURITY.md; removed, all of it goes away.
/// </summary>
public class ProgramKeyApiTests(ProgramKeys keys) : IClassFixture<ProgramKeys>
{
    private const string Path = "/api/programs/npm-eco/openpgp-key";

    private string Body(string secretKey, string? passphrase = ProgramKeys.Passphrase) =>
        JsonSerializer.Serialize(new { secretKey, passphrase });

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Put_ByTheProgramAdmin_SealedPublishedAndRemovable(DatabaseProvider provider)
    {
        await using var world = await AdminWorld.StartAsync(provider);
        var api = world.Client();
        var token = world.Token(Role.ProgramAdmin);
        await api.JsonAsync(HttpMethod.Put, "/api/programs/npm-eco/intake-addresses",
            """{"addresses":["security@npm-eco.test"]}""", token);

        var set = await api.JsonAsync(HttpMethod.Put, Path, Body(keys.Secret), token);
        Assert.True(api.LastStatus == 200, set?.ToJsonString());
        var shown = await api.JsonAsync(HttpMethod.Get, Path, bearer: token);
        var anonymous = world.Client().Client;
        var published = await anonymous.GetStringAsync("/programs/npm-eco/pgp-key.txt", AdminWorld.Ct);
        var page = await anonymous.GetStringAsync("/programs/npm-eco", AdminWorld.Ct);
        var securityMd = await anonymous.GetStringAsync("/programs/npm-eco/SECURITY.md", AdminWorld.Ct);
        string stored;
        await using (var db = world.Test.OpenDatabase())
        {
            stored = await db.ProgramOpenPgpKeys.Select(k => k.SealedSecretKey).SingleAsync(AdminWorld.Ct);
        }

        Assert.Equal(keys.Fingerprint, set!["fingerprint"]!.GetValue<string>());
        Assert.Equal(keys.Fingerprint, shown!["fingerprint"]!.GetValue<string>());
        foreach (var answer in new[] { set.ToJsonString(), shown.ToJsonString(), published })
        {
            Assert.DoesNotContain("PRIVATE KEY", answer, StringComparison.Ordinal);
            Assert.DoesNotContain(ProgramKeys.Passphrase, answer, StringComparison.Ordinal);
        }
        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", published, StringComparison.Ordinal);
        var file = System.IO.Path.Combine(keys.Gpg.Home, $"published-{provider}.asc");
        await File.WriteAllTextAsync(file, published, AdminWorld.Ct);
        var imported = await keys.Gpg.RunAsync("--with-colons", "--import-options", "show-only", "--import", file);
        Assert.Contains($"fpr:::::::::{keys.Fingerprint}:", imported, StringComparison.Ordinal);
        var grouped = string.Join(' ', Enumerable.Range(0, 10).Select(i => keys.Fingerprint.Substring(i * 4, 4)));
        Assert.Contains($"<code id=\"openpgp-fingerprint\" class=\"fingerprint\">{grouped}</code>", page,
            StringComparison.Ordinal);
        Assert.Contains("href=\"/programs/npm-eco/pgp-key.txt\"", page, StringComparison.Ordinal);
        Assert.Contains($"/programs/npm-eco/pgp-key.txt> (fingerprint `{grouped}`)", securityMd,
            StringComparison.Ordinal);
        // Sealed: neither the armor, nor a line of its base64, nor the passphrase is in the column.
        Assert.StartsWith("sealed:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(ProgramKeys.Passphrase, stored, StringComparison.Ordinal);
        foreach (var line in keys.Secret.Split('\n').Where(l => l.Trim().Length > 20))
        {
            Assert.DoesNotContain(line.Trim(), stored, StringComparison.Ordinal);
        }

        await api.JsonAsync(HttpMethod.Delete, Path, bearer: token);
        Assert.Equal(204, api.LastStatus);
        await api.JsonAsync(HttpMethod.Get, Path, bearer: token);
        Assert.Equal(404, api.LastStatus);
        var gone = await anonymous.GetAsync("/programs/npm-eco/pgp-key.txt", AdminWorld.Ct);
        Assert.Equal(404, (int)gone.StatusCode);
        Assert.DoesNotContain("openpgp-fingerprint",
            await anonymous.GetStringAsync("/programs/npm-eco", AdminWorld.Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WrongCaller_404_BadKey_400NamingTheField_NothingStored(DatabaseProvider provider)
    {
        await using var world = await AdminWorld.StartAsync(provider);
        var api = world.Client();
        var statuses = new List<int>();
        foreach (var role in new[] { Role.Triager, Role.Stranger, Role.OtherProgramAdmin, Role.AdminWithoutTwoFactor })
        {
            await api.JsonAsync(HttpMethod.Put, Path, Body(keys.Secret), world.Token(role));
            statuses.Add(api.LastStatus);
            await api.JsonAsync(HttpMethod.Get, Path, bearer: world.Token(role));
            statuses.Add(api.LastStatus);
            await api.JsonAsync(HttpMethod.Delete, Path, bearer: world.Token(role));
            statuses.Add(api.LastStatus);
        }
        var refusals = new Dictionary<string, (int Status, JsonNode? Errors)>();
        foreach (var (name, body) in new[]
        {
            ("not armored", Body("mQINBGV0ZXN0")),
            ("public only", Body(keys.Public)),
            ("signs only", Body(keys.SignOnly, null)),
            ("expired", Body(keys.Expired, null)),
            ("revoked", Body(keys.Revoked, null)),
            ("wrong passphrase", Body(keys.Secret, "wrong")),
            ("too long", Body(new string('a', 70 * 1024))),
        })
        {
            var problem = await api.JsonAsync(HttpMethod.Put, Path, body, world.Token(Role.ProgramAdmin));
            refusals[name] = (api.LastStatus, problem?["errors"]);
        }
        await using var db = world.Test.OpenDatabase();

        Assert.All(statuses, s => Assert.Equal(404, s));
        Assert.All(refusals.Values, r => Assert.Equal(400, r.Status));
        foreach (var name in new[] { "not armored", "public only", "signs only", "expired", "revoked", "too long" })
        {
            Assert.True(refusals[name].Errors?["secretKey"] is not null, name);
        }
        Assert.Contains("public key only", refusals["public only"].Errors!["secretKey"]!.ToJsonString(),
            StringComparison.Ordinal);
        Assert.Contains("expired", refusals["expired"].Errors!["secretKey"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("revoked", refusals["revoked"].Errors!["secretKey"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("encryption", refusals["signs only"].Errors!["secretKey"]!.ToJsonString(),
            StringComparison.Ordinal);
        Assert.NotNull(refusals["wrong passphrase"].Errors?["passphrase"]);
        Assert.Equal(0, await db.ProgramOpenPgpKeys.CountAsync(AdminWorld.Ct));
    }
}
