using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using MimeKit.Cryptography;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Notifications;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Mail;

/// <summary>
/// Participants' OpenPGP keys in mail, with the real GnuPG on the other side: mail about a report to an account with
/// a key is PGP/MIME encrypted to it over real SMTP, gpg opens it and finds the report's title (never in the
/// subject); mail signed by the sender's registered key is recorded as verified, by another key or tampered as
/// not verified — and taken either way; both databases.
/// </summary>
public class AccountKeyMailTests(MailKeys keys) : IClassFixture<MailKeys>
{
    private const string Intake = MailWorld.Intake;
    private const string Researcher = MailWorld.Researcher;
    private const string Secret = Disclosure.Marker;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Dictionary<string, string?> KeySettings() => new()
    {
        ["Vigil:Mail:OpenPgp:KeyFile"] = keys.InstanceKeyFile,
        ["Vigil:Mail:OpenPgp:Passphrase"] = MailKeys.Passphrase,
    };

    /// <summary>Registers <paramref name="fingerprint"/>'s public key for the account <paramref name="user"/>.
    /// </summary>
    private async Task RegisterAsync(MailWorld world, Guid user, string fingerprint)
    {
        var armored = await keys.Gpg.ExportPublicKeyAsync(fingerprint);
        await world.Disclosure.Run(db =>
            new RegisterAccountKey(db, world.Disclosure.Clock).ExecuteAsync(Actor.User(user), armored, Ct));
    }

    /// <summary>The researcher as an account (confirmed address) with the researcher's key registered.</summary>
    private async Task ResearcherAccountAsync(MailWorld world)
    {
        var id = Guid.NewGuid();
        await world.Disclosure.Run(async db =>
        {
            db.Users.Add(new VigilUser
            {
                Id = id,
                UserName = Researcher,
                Email = Researcher,
                NormalizedEmail = Researcher.ToUpperInvariant(),
                EmailConfirmed = true,
            });
            await db.SaveChangesAsync(Ct);
        });
        await RegisterAsync(world, id, keys.Researcher);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Notification_ToAnAccountWithAKey_IsEncryptedToItAndNamesTheTitle(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);
        await RegisterAsync(world, world.Disclosure.Triager, keys.Triager);

        await world.SendAsync(MailWorld.Message(Researcher, Intake, $"Prototype pollution {Secret}", "Details"));
        var pending = await world.Disclosure.Run(db => db.OutboxMessages.AsNoTracking().ToListAsync(Ct));
        // Whose key, and the title, are sealed like the recipient.
        var queued = Assert.Single(pending, m => m.EncryptTo is not null);
        Assert.StartsWith("sealed:", queued.EncryptTo, StringComparison.Ordinal);
        Assert.DoesNotContain(keys.Triager, queued.EncryptTo, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("sealed:", queued.PrivateText, StringComparison.Ordinal);
        Assert.DoesNotContain(pending, m => m.PrivateText?.Contains(Secret, StringComparison.Ordinal) == true);
        var sent = await world.DispatchAsync();

        var team = Assert.Single(sent, m => m.To.Mailboxes.Single().Address == MailWorld.TriagerEmail);
        var encrypted = Assert.IsType<MultipartEncrypted>(team.Body);
        Assert.Equal("application/pgp-encrypted", encrypted.ContentType.Parameters["protocol"]);
        Assert.DoesNotContain(Secret, team.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, team.Headers.ToString(), StringComparison.Ordinal);
        using var armored = new MemoryStream();
        Assert.IsType<MimePart>(encrypted[1]).Content!.DecodeTo(armored, Ct);
        var clear = await keys.Gpg.DecryptAsync(Encoding.ASCII.GetString(armored.ToArray()));
        var inner = MimeEntity.Load(new MemoryStream(Encoding.UTF8.GetBytes(clear)), Ct);
        var text = Assert.IsType<MultipartAlternative>(inner).TextBody;
        Assert.Contains($"Report title: Prototype pollution {Secret}", text, StringComparison.Ordinal);
        Assert.Contains(NotificationTemplates.EncryptedFooter, text, StringComparison.Ordinal);
        Assert.Contains("https://vigil.test/reports/", text, StringComparison.Ordinal);
        // The researcher (an anonymous sender, no key) gets the acknowledgement as today: in clear, no report text.
        var ack = Assert.Single(sent, m => m.To.Mailboxes.Single().Address == Researcher);
        Assert.IsNotType<MultipartEncrypted>(ack.Body);
        Assert.DoesNotContain(Secret, ack.TextBody, StringComparison.Ordinal);
        // Sent: the private text is erased with the bodies.
        var delivered = await world.Disclosure.Run(db => db.OutboxMessages.AsNoTracking().ToListAsync(Ct));
        Assert.All(delivered, m => Assert.Null(m.PrivateText));
        Assert.All(delivered, m => Assert.Null(m.EncryptTo));
        Assert.DoesNotContain(world.LogLines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Notification_KeyRemovedBeforeSending_GoesInClearWithoutTheTitle(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);
        await RegisterAsync(world, world.Disclosure.Triager, keys.Triager);
        await world.SendAsync(MailWorld.Message(Researcher, Intake, $"Prototype pollution {Secret}", "Details"));

        await world.Disclosure.Run(db => new RemoveAccountKey(db).ExecuteAsync(Actor.User(world.Disclosure.Triager),
            Ct));
        var sent = await world.DispatchAsync();

        var team = Assert.Single(sent, m => m.To.Mailboxes.Single().Address == MailWorld.TriagerEmail);
        Assert.IsNotType<MultipartEncrypted>(team.Body);
        Assert.DoesNotContain(Secret, team.ToString(), StringComparison.Ordinal);
        Assert.Contains(NotificationTemplates.PlainFooter, team.TextBody, StringComparison.Ordinal);
    }

    public static TheoryData<DatabaseProvider, string> Signed()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var kind in new[] { "clear-signed", "pgp/mime", "inside encryption", "another key", "tampered" })
            {
                data.Add(provider, kind);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Signed))]
    public async Task Intake_Signed_RecordsWhetherTheSendersRegisteredKeyVerified(DatabaseProvider provider,
        string kind)
    {
        await using var world = await MailWorld.StartAsync(provider, KeySettings());
        await ResearcherAccountAsync(world);
        var body = $"The steps: {Secret}\nrun merge()";
        var signer = kind == "another key" ? keys.Stranger : keys.Researcher;

        var message = kind switch
        {
            "pgp/mime" => await PgpMimeSignedAsync(body, signer),
            "inside encryption" => await EncryptedAsync(body, signer),
            _ => await ClearSignedAsync(body, signer, tamper: kind == "tampered"),
        };
        await world.SendAsync(message);

        var id = Assert.Single(await world.Disclosure.Run(db => db.Reports.Select(r => r.Id).ToListAsync(Ct)));
        var view = await world.Disclosure.ViewAsync(id, Actor.System);
        Assert.Equal(kind == "tampered" ? $"The steps: {Secret}\nrun merge() now" : body, view.Description.Trim());
        var detail = view.Timeline.First(e => e.Kind == nameof(ReportEventKind.Submitted)).Detail ?? "";
        var researcher = Vigil.Core.Accounts.OpenPgpPublicKey.ForPeople(keys.Researcher);
        switch (kind)
        {
            case "another key":
                Assert.Contains($"signed by key 0x{keys.Stranger[^16..]}, not a key the sender's account registered "
                    + "(not verified)", detail, StringComparison.Ordinal);
                break;
            case "tampered":
                Assert.Contains("but the signature does not match the message (not verified)", detail,
                    StringComparison.Ordinal);
                break;
            default:
                Assert.Contains($"signed with OpenPGP by the key of the sender's account, fingerprint {researcher} "
                    + "(verified)", detail, StringComparison.Ordinal);
                Assert.Equal(kind == "inside encryption", detail.StartsWith("received encrypted with OpenPGP",
                    StringComparison.Ordinal));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reply_SignedByTheParticipantsKey_IsAVerifiedComment(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);
        await world.SendAsync(MailWorld.Message(Researcher, Intake, "XSS in left-pad", "Details"));
        await RegisterAsync(world, world.Disclosure.Triager, keys.Triager);
        var sent = await world.DispatchAsync();
        var replyTo = Assert.Single(sent, m => m.To.Mailboxes.Single().Address == MailWorld.TriagerEmail)
            .ReplyTo.Mailboxes.Single().Address;

        var signed = await keys.Gpg.ClearSignAsync("Confirmed, fixing it.", keys.Triager);
        await world.SendAsync(MailWorld.Message(MailWorld.TriagerEmail, replyTo, "Re: New report", signed));
        var unknown = await keys.Gpg.ClearSignAsync("Also 2.0.0.", keys.Stranger);
        await world.SendAsync(MailWorld.Message(MailWorld.TriagerEmail, replyTo, "Re: New report", unknown));

        var id = Assert.Single(await world.Disclosure.Run(db => db.Reports.Select(r => r.Id).ToListAsync(Ct)));
        var comments = (await world.Disclosure.ViewAsync(id, Actor.System)).Timeline
            .Where(e => e.Kind == nameof(ReportEventKind.Comment)).ToList();
        Assert.Equal(["Confirmed, fixing it.", "Also 2.0.0."], comments.Select(c => c.Text?.Trim()));
        Assert.Equal($"signed with OpenPGP by the key of the sender's account, fingerprint "
            + $"{Vigil.Core.Accounts.OpenPgpPublicKey.ForPeople(keys.Triager)} (verified)", comments[0].Detail);
        Assert.EndsWith("not a key the sender's account registered (not verified)", comments[1].Detail,
            StringComparison.Ordinal);
    }

    private static MimeMessage Envelope(MimeEntity body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(Researcher));
        message.To.Add(MailboxAddress.Parse(Intake));
        message.Subject = "Signed report";
        message.Body = body;
        return message;
    }

    private async Task<MimeMessage> ClearSignedAsync(string body, string signer, bool tamper)
    {
        var signed = await keys.Gpg.ClearSignAsync(body, signer);
        if (tamper)
        {
            signed = signed.Replace("run merge()", "run merge() now", StringComparison.Ordinal);
        }
        return Envelope(new TextPart("plain") { Text = signed });
    }

    /// <summary>RFC 3156 § 5: the first part as it will travel, with CRLF line ends, signed apart.</summary>
    private async Task<MimeMessage> PgpMimeSignedAsync(string body, string signer)
    {
        var content = new TextPart("plain") { Text = body, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using var bytes = new MemoryStream();
        await content.WriteToAsync(format, bytes, Ct);
        var signature = await keys.Gpg.DetachSignAsync(bytes.ToArray(), signer);
        var signed = new Multipart("signed");
        signed.ContentType.Parameters.Add("micalg", "pgp-sha256");
        signed.ContentType.Parameters.Add("protocol", "application/pgp-signature");
        signed.Add(content);
        signed.Add(new MimePart("application", "pgp-signature")
        {
            Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(signature))),
            ContentTransferEncoding = ContentEncoding.SevenBit,
        });
        return Envelope(signed);
    }

    private async Task<MimeMessage> EncryptedAsync(string body, string signer)
    {
        using var bytes = new MemoryStream();
        await new TextPart("plain") { Text = body }.WriteToAsync(bytes, Ct);
        var armored = await keys.Gpg.EncryptAsync(bytes.ToArray(), keys.Instance, signer);
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
        return Envelope(encrypted);
    }
}
