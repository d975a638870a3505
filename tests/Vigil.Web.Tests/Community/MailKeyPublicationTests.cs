using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Web.Tests.Community;

/// <summary>
/// The instance's OpenPGP key for mail, published where reporters look (docs/email.md): <c>/pgp-key.txt</c> (read
/// back by the real GnuPG), security.txt's Encryption field (RFC 9116 § 2.5.4), and SECURITY.md beside the
/// program's intake address. Without a key, none of them mentions one.
/// </summary>
public sealed class MailKeyPublicationTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private const string Intake = "security@npm-eco.test";
    private readonly GnuPG _gpg = new();

    private static CancellationToken Ct => CommunityApp.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WithAKey_ItIsServedAndNamedInSecurityTxtAndSecurityMd(DatabaseProvider provider)
    {
        var fingerprint = await _gpg.NewKeyAsync($"Vigil <{Intake}>", Passphrase);
        var keyFile = await _gpg.ExportSecretKeyAsync(fingerprint, Passphrase);
        await using var app = await CommunityApp.StartAsync(provider, settings: new Dictionary<string, string>
        {
            ["Vigil:Mail:OpenPgp:KeyFile"] = keyFile,
            ["Vigil:Mail:OpenPgp:Passphrase"] = Passphrase,
        });
        await SetIntakeAsync(app);

        var (status, key, response) = await app.GetAsync("/pgp-key.txt");
        var (_, securityTxt, _) = await app.GetAsync("/.well-known/security.txt");
        var (_, securityMd, _) = await app.GetAsync("/programs/npm-eco/SECURITY.md");

        Assert.Equal(200, status);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("PRIVATE KEY", key, StringComparison.Ordinal);
        var published = Path.Combine(_gpg.Home, "published.asc");
        await File.WriteAllTextAsync(published, key, Ct);
        var shown = await _gpg.RunAsync("--with-colons", "--import-options", "show-only", "--import", published);
        Assert.Contains($"fpr:::::::::{fingerprint}:", shown, StringComparison.Ordinal);
        Assert.Contains($"\nEncryption: {CommunityApp.PublicUrl}/pgp-key.txt\n", securityTxt, StringComparison.Ordinal);
        Assert.Contains($"You can also report by e-mail to <mailto:{Intake}>", securityMd, StringComparison.Ordinal);
        var grouped = string.Join(' ', Enumerable.Range(0, 10).Select(i => fingerprint.Substring(i * 4, 4)));
        Assert.Contains($"<{CommunityApp.PublicUrl}/pgp-key.txt> (fingerprint `{grouped}`)", securityMd,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAKey_NothingNamesOne()
    {
        await using var app = await CommunityApp.StartAsync();
        await SetIntakeAsync(app);

        var (status, _, _) = await app.GetAsync("/pgp-key.txt");
        var (_, securityTxt, _) = await app.GetAsync("/.well-known/security.txt");
        var (_, securityMd, _) = await app.GetAsync("/programs/npm-eco/SECURITY.md");

        Assert.Equal(404, status);
        Assert.DoesNotContain("Encryption:", securityTxt, StringComparison.Ordinal);
        Assert.DoesNotContain("OpenPGP", securityMd, StringComparison.Ordinal);
        Assert.Contains($"You can also report by e-mail to <mailto:{Intake}>", securityMd, StringComparison.Ordinal);
    }

    private static async Task SetIntakeAsync(CommunityApp app)
    {
        await using var db = app.OpenDatabase();
        await new SetIntakeAddresses(db, app.Clock).ExecuteAsync("npm-eco", Actor.System, [Intake], Ct);
    }

    public void Dispose() => _gpg.Dispose();
}
