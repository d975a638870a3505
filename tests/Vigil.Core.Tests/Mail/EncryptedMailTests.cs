using System.Text;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Vigil.Core.Data;
using Vigil.Core.Mail;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Mail;

/// <summary>
/// Keys made once by the real GnuPG for the class: the instance's (passphrase-protected), a researcher's, a
/// stranger's and a triager's.
/// </summary>
public sealed class MailKeys : IAsyncLifetime
{
    public const string Passphrase = "correct horse battery staple";
    public GnuPG Gpg { get; } = new();
    public string Instance { get; private set; } = "";
    public string InstanceKeyFile { get; private set; } = "";
    public string Researcher { get; private set; } = "";
    public string Stranger { get; private set; } = "";
    public string Triager { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Instance = await Gpg.NewKeyAsync($"Vigil <{MailWorld.Intake}>", Passphrase);
        InstanceKeyFile = await Gpg.ExportSecretKeyAsync(Instance, Passphrase);
        Researcher = await Gpg.NewKeyAsync($"Researcher <{MailWorld.Researcher}>");
        Stranger = await Gpg.NewKeyAsync("Someone Else <else@example.test>");
        Triager = await Gpg.NewKeyAsync($"Triager <{MailWorld.TriagerEmail}>");
    }

    public ValueTask DisposeAsync()
    {
        Gpg.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Mail encrypted by the real GnuPG, as PGP/MIME and inline, sent over SMTP to the real listener with the
/// instance's key configured: it becomes a report with the clear text, on both databases; what the instance
/// cannot open is refused with nothing written.
/// </summary>
public class EncryptedMailTests(MailKeys keys) : IClassFixture<MailKeys>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Secret = Disclosure.Marker;

    private Dictionary<string, string?> KeySettings() => new()
    {
        ["Vigil:Mail:OpenPgp:KeyFile"] = keys.InstanceKeyFile,
        ["Vigil:Mail:OpenPgp:Passphrase"] = MailKeys.Passphrase,
    };

    private static MimeMessage Envelope(string subject, MimeEntity body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(MailWorld.Researcher));
        message.To.Add(MailboxAddress.Parse(MailWorld.Intake));
        message.Subject = subject;
        message.Body = body;
        return message;
    }

    /// <summary>RFC 3156: the control part, then the armored ciphertext of the whole inner MIME entity.</summary>
    private async Task<MimeMessage> PgpMimeAsync(MimeEntity inner, string recipient, string? signer = null)
    {
        using var bytes = new MemoryStream();
        await inner.WriteToAsync(bytes, Ct);
        var armored = await keys.Gpg.EncryptAsync(bytes.ToArray(), recipient, signer);
        var encrypted = new Multipart("encrypted");
        encrypted.ContentType.Parameters.Add("protocol", "application/pgp-encrypted");
        encrypted.Add(new MimePart("application", "pgp-encrypted")
        {
            Content = new MimeContent(new MemoryStream("Version: 1\n"u8.ToArray())),
        });
        encrypted.Add(new MimePart("application", "octet-stream")
        {
            FileName = "encrypted.asc",
            Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(armored))),
        });
        return Envelope("Encrypted report", encrypted);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PgpMime_ToTheInstanceKey_BecomesAReportWithClearTextAndAttachment(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider, KeySettings());
        var inner = new BodyBuilder { TextBody = $"Prototype pollution in deep-merge. {Secret}" };
        inner.Attachments.Add("poc.js", Encoding.UTF8.GetBytes("merge({}, JSON.parse('{\"__proto__\":{\"x\":1}}'))"));

        await world.SendAsync(await PgpMimeAsync(inner.ToMessageBody(), keys.Instance));

        var id = Assert.Single(await world.Disclosure.Run(db => db.Reports.Select(r => r.Id).ToListAsync(Ct)));
        var view = await world.Disclosure.ViewAsync(id, Actor.System);
        Assert.Equal($"Prototype pollution in deep-merge. {Secret}", view.Description);
        Assert.Equal("poc.js", Assert.Single(view.Attachments).FileName);
        var submitted = view.Timeline.First(e => e.Kind == nameof(ReportEventKind.Submitted));
        Assert.Equal("received encrypted with OpenPGP", submitted.Detail);
        Assert.DoesNotContain(world.LogLines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PgpMime_PolledFromAnImapMailbox_BecomesAReport_AnotherKeysIsRefused(DatabaseProvider provider)
    {
        var (world, mailbox) = await ImapMailTests.StartAsync(provider, KeySettings());
        await using var _ = world;
        var ours = await PgpMimeAsync(new TextPart("plain") { Text = $"Pollution by mail. {Secret}" }, keys.Instance);
        ours.MessageId = "encrypted@mail.example.test";
        var theirs = await PgpMimeAsync(new TextPart("plain") { Text = $"Not for us. {Secret}" }, keys.Stranger);
        theirs.MessageId = "elsewhere@mail.example.test";
        await mailbox.AppendAsync(ours);
        await mailbox.AppendAsync(theirs);

        var pass = await world.Poller.PollAsync(Ct);

        Assert.Equal([MailVerdict.Taken, MailVerdict.Refused], pass.Messages.Select(m => m.Receipt.Verdict));
        var id = Assert.Single(await world.Disclosure.Run(db => db.Reports.Select(r => r.Id).ToListAsync(Ct)));
        var view = await world.Disclosure.ViewAsync(id, Actor.System);
        Assert.Equal($"Pollution by mail. {Secret}", view.Description);
        Assert.Equal("received encrypted with OpenPGP",
            view.Timeline.First(e => e.Kind == nameof(ReportEventKind.Submitted)).Detail);
        Assert.Single(await mailbox.MessagesAsync("Vigil/Processed"));
        Assert.Single(await mailbox.MessagesAsync("Vigil/Refused"));
        Assert.DoesNotContain(world.LogLines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Inline_SignedByTheResearcher_IsOpenedAndTheSignatureIsRecordedAsNotVerified(
        DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider, KeySettings());
        var armored = await keys.Gpg.EncryptAsync(
            Encoding.UTF8.GetBytes($"The steps: {Secret}"), keys.Instance, keys.Researcher);

        await world.SendAsync(Envelope("Inline", new TextPart("plain") { Text = $"Hello team,\n\n{armored}Thanks" }));

        var id = Assert.Single(await world.Disclosure.Run(db => db.Reports.Select(r => r.Id).ToListAsync(Ct)));
        var view = await world.Disclosure.ViewAsync(id, Actor.System);
        Assert.Equal($"Hello team,\n\nThe steps: {Secret}\nThanks", view.Description);
        var detail = view.Timeline.First(e => e.Kind == nameof(ReportEventKind.Submitted)).Detail;
        Assert.StartsWith("received encrypted with OpenPGP; signed by key 0x", detail, StringComparison.Ordinal);
        Assert.Contains("not verified", detail, StringComparison.Ordinal);
    }

    public static TheoryData<DatabaseProvider, string> Unopenable()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var kind in new[] { "another key", "no instance key", "tampered", "not openpgp" })
            {
                data.Add(provider, kind);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Unopenable))]
    public async Task Encrypted_ButNotOpenable_IsRefusedWithNothingWritten(DatabaseProvider provider, string kind)
    {
        await using var world = await MailWorld.StartAsync(provider, kind == "no instance key" ? null : KeySettings());
        var inner = new TextPart("plain") { Text = $"Secret details {Secret}" };
        var message = await PgpMimeAsync(inner, kind == "another key" ? keys.Stranger : keys.Instance);
        var payload = Assert.IsType<MimePart>(Assert.IsType<Multipart>(message.Body)[1]);
        if (kind is "tampered" or "not openpgp")
        {
            using var text = new MemoryStream();
            Assert.NotNull(payload.Content);
            payload.Content.DecodeTo(text, Ct);
            var armored = Encoding.ASCII.GetString(text.ToArray());
            var body = armored.Split('\n');
            // Flip one base64 character in the middle of the ciphertext; or send text that is no OpenPGP at all.
            var line = body.Length / 2;
            body[line] = (body[line][0] == 'A' ? 'B' : 'A') + body[line][1..];
            var damaged = kind == "tampered"
                ? string.Join('\n', body)
                : "-----BEGIN PGP MESSAGE-----\n\nbm9wZQ==\n-----END PGP MESSAGE-----\n";
            payload.Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(damaged)));
        }

        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => world.SendAsync(message));

        Assert.Equal(554, (int)refused.StatusCode);
        Assert.Empty(await world.Disclosure.Run(db => db.Reports.Select(r => r.Id).ToListAsync(Ct)));
        Assert.DoesNotContain(Secret, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(world.LogLines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MailKey_PublishesThePublicHalf_AndRefusesAWrongPassphraseOrAFileWithoutAKey()
    {
        var key = new MailKey(Options.Create(
            new MailKeyOptions { KeyFile = keys.InstanceKeyFile, Passphrase = MailKeys.Passphrase }));
        Assert.Equal(keys.Instance, key.Fingerprint);
        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", key.PublicKey, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", key.PublicKey, StringComparison.Ordinal);
        var published = Path.Combine(keys.Gpg.Home, "published.asc");
        await File.WriteAllTextAsync(published, key.PublicKey, Ct);
        var shown = await keys.Gpg.RunAsync("--with-colons", "--import-options", "show-only", "--import", published);
        Assert.Contains($"fpr:::::::::{keys.Instance}:", shown, StringComparison.Ordinal);
        string[] keyLines = ["pub:", "sub:"];
        Assert.Equal(2, shown.Split('\n').Count(l => keyLines.Any(k => l.StartsWith(k, StringComparison.Ordinal))));

        var wrong = Assert.Throws<InvalidOperationException>(() =>
            new MailKey(Options.Create(new MailKeyOptions { KeyFile = keys.InstanceKeyFile, Passphrase = "wrong" })));
        Assert.Contains("Vigil:Mail:OpenPgp:Passphrase", wrong.Message, StringComparison.Ordinal);
        var notAKey = Path.Combine(keys.Gpg.Home, "not-a-key.asc");
        await File.WriteAllTextAsync(notAKey, "hello", Ct);
        var bad = Assert.Throws<InvalidOperationException>(() =>
            new MailKey(Options.Create(new MailKeyOptions { KeyFile = notAKey })));
        Assert.Contains("Vigil:Mail:OpenPgp:KeyFile", bad.Message, StringComparison.Ordinal);
        Assert.False(new MailKey(Options.Create(new MailKeyOptions())).Enabled);
    }

    [Fact]
    public void NotEncrypted_PassesUnchanged()
    {
        var message = MailWorld.Message(MailWorld.Researcher, MailWorld.Intake, "Plain", "Just text");
        var (opened, security) = OpenPgpMail.Open(message, new MailKey(Options.Create(new MailKeyOptions())));
        Assert.Same(message, opened);
        Assert.Equal(MailSecurity.Plain, security);
    }
}
