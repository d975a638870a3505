using System.Text;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Mail;

/// <summary>Keys made once by the real GnuPG for the class: the instance's and the program's (both
/// passphrase-protected), and a stranger's.</summary>
public sealed class ProgramMailKeys : IAsyncLifetime
{
    public const string Passphrase = "correct horse battery staple";
    public const string ProgramPassphrase = "another horse, another battery";
    public GnuPG Gpg { get; } = new();
    public string Instance { get; private set; } = "";
    public string InstanceKeyFile { get; private set; } = "";
    public string Program { get; private set; } = "";
    public string ProgramSecret { get; private set; } = "";
    public string Stranger { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Instance = await Gpg.NewKeyAsync($"Vigil <vigil@{MailWorld.ReplyDomain}>", Passphrase);
        InstanceKeyFile = await Gpg.ExportSecretKeyAsync(Instance, Passphrase);
        Program = await Gpg.NewKeyAsync($"Program <{MailWorld.Intake}>", ProgramPassphrase);
        ProgramSecret = await File.ReadAllTextAsync(await Gpg.ExportSecretKeyAsync(Program, ProgramPassphrase));
        Stranger = await Gpg.NewKeyAsync("Someone Else <else@example.test>");
    }

    public ValueTask DisposeAsync()
    {
        Gpg.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A program's own OpenPGP key (docs/email.md): mail encrypted by the real GnuPG to it, sent over SMTP to the real
/// listener at the program's intake address, becomes a report with the clear text, with or without an instance key
/// beside it; mail to the instance's key still opens; once the program's key is removed, mail to it is refused.
/// </summary>
public class ProgramKeyMailTests(ProgramMailKeys keys) : IClassFixture<ProgramMailKeys>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Secret = Disclosure.Marker;

    private Dictionary<string, string?> InstanceKey() => new()
    {
        ["Vigil:Mail:OpenPgp:KeyFile"] = keys.InstanceKeyFile,
        ["Vigil:Mail:OpenPgp:Passphrase"] = ProgramMailKeys.Passphrase,
    };

    private async Task<MimeMessage> EncryptedAsync(string text, string recipient)
    {
        using var bytes = new MemoryStream();
        await new TextPart("plain") { Text = text }.WriteToAsync(bytes, Ct);
        var armored = await keys.Gpg.EncryptAsync(bytes.ToArray(), recipient);
        var encrypted = new Multipart("encrypted");
        encrypted.ContentType.Parameters.Add("protocol", "application/pgp-encrypted");
        encrypted.Add(new MimePart("application", "pgp-encrypted")
        {
            Content = new MimeContent(new MemoryStream("Version: 1\n"u8.ToArray())),
        });
        encrypted.Add(new MimePart("application", "octet-stream")
        {
            Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(armored))),
        });
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(MailWorld.Researcher));
        message.To.Add(MailboxAddress.Parse(MailWorld.Intake));
        message.Subject = "Encrypted report";
        message.MessageId = $"{Guid.NewGuid():N}@mail.example.test";
        message.Body = encrypted;
        return message;
    }

    private Task SetKeyAsync(MailWorld world) => world.Disclosure.Run(db =>
        new SetProgramOpenPgpKey(db, world.Disclosure.Vault, world.Disclosure.Clock).ExecuteAsync(
            Disclosure.Slug, Actor.System, keys.ProgramSecret, ProgramMailKeys.ProgramPassphrase, Ct));

    private static async Task<List<string>> DescriptionsAsync(MailWorld world)
    {
        var ids = await world.Disclosure.Run(db => db.Reports.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(Ct));
        var descriptions = new List<string>();
        foreach (var id in ids)
        {
            descriptions.Add((await world.Disclosure.ViewAsync(id, Actor.System)).Description);
        }
        return descriptions;
    }

    public static TheoryData<DatabaseProvider, bool> Worlds()
    {
        var data = new TheoryData<DatabaseProvider, bool>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(provider, true);
            data.Add(provider, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Worlds))]
    public async Task ToTheProgramsKey_BecomesAReportWithTheClearText(DatabaseProvider provider, bool instanceKey)
    {
        await using var world = await MailWorld.StartAsync(provider, instanceKey ? InstanceKey() : null);
        await SetKeyAsync(world);

        await world.SendAsync(await EncryptedAsync($"Program key. {Secret}", keys.Program));
        if (instanceKey)
        {
            await world.SendAsync(await EncryptedAsync($"Instance key. {Secret}", keys.Instance));
        }
        var stranger = await Assert.ThrowsAsync<SmtpCommandException>(
            async () => await world.SendAsync(await EncryptedAsync($"Elsewhere. {Secret}", keys.Stranger)));

        Assert.Equal(
            instanceKey ? [$"Program key. {Secret}", $"Instance key. {Secret}"] : [$"Program key. {Secret}"],
            await DescriptionsAsync(world));
        Assert.Equal(554, (int)stranger.StatusCode);
        var stored = await world.Disclosure.Run(db => db.ProgramOpenPgpKeys.SingleAsync(Ct));
        Assert.Equal(keys.Program, stored.Fingerprint);
        Assert.DoesNotContain(ProgramMailKeys.ProgramPassphrase, stored.SealedSecretKey, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", stored.SealedSecretKey, StringComparison.Ordinal);
        Assert.DoesNotContain(world.LogLines, l => l.Contains(Secret, StringComparison.Ordinal)
            || l.Contains(ProgramMailKeys.ProgramPassphrase, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task KeyRemoved_MailToItIsRefusedWithNothingWritten(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider, InstanceKey());
        await SetKeyAsync(world);
        await world.Disclosure.Run(db => new RemoveProgramOpenPgpKey(db).ExecuteAsync(Disclosure.Slug, Actor.System,
            Ct));

        var refused = await Assert.ThrowsAsync<SmtpCommandException>(
            async () => await world.SendAsync(await EncryptedAsync($"Too late. {Secret}", keys.Program)));

        Assert.Equal(554, (int)refused.StatusCode);
        Assert.Empty(await DescriptionsAsync(world));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RotatingTheMasterKey_RewrapsTheProgramsKey_MailStillOpens(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);
        await SetKeyAsync(world);
        var before = await world.Disclosure.Run(db => db.ProgramOpenPgpKeys.Select(k => k.SealedSecretKey)
            .SingleAsync(Ct));
        var next = new ReportVault(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await world.Disclosure.Run(db => new RotateMasterKey(db).ExecuteAsync(world.Disclosure.Vault, next, Ct));
        var after = await world.Disclosure.Run(db => db.ProgramOpenPgpKeys.Select(k => k.SealedSecretKey)
            .SingleAsync(Ct));

        Assert.NotEqual(before, after);
        Assert.NotNull(ProgramOpenPgpSecretKey.Open(next, after));
    }
}
