using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;

namespace Vigil.Core.Notifications;

/// <summary>Sends one outbox e-mail through the configured SMTP server with MailKit (plain text + HTML
/// alternative); to a recipient's OpenPGP key, as PGP/MIME (RFC 3156).</summary>
public sealed class EmailSender(IOptions<SmtpOptions> options)
{
    public bool Configured => options.Value.Configured;

    /// <param name="encryptTo">The recipient's encryption key: the body, with the message's
    /// <see cref="OutboxMessageEntity.PrivateText"/>, is sent encrypted to it; null: the body as queued, without the
    /// private text.</param>
    public async Task SendAsync(
        OutboxMessageEntity message, PgpPublicKey? encryptTo, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var mime = Build(message, smtp, encryptTo);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, Socket(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            }
            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        // The server's own text may quote the recipient, so only the status code is kept.
        catch (SmtpCommandException e)
        {
            throw new DeliveryFailedException($"SMTP {(int)e.StatusCode} ({e.ErrorCode})", e);
        }
        catch (SmtpProtocolException e)
        {
            throw new DeliveryFailedException("SMTP protocol error", e);
        }
        catch (AuthenticationException e)
        {
            throw new DeliveryFailedException("SMTP authentication failed", e);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new DeliveryFailedException($"SMTP server unreachable ({e.SocketErrorCode})", e);
        }
    }

    internal static MimeMessage Build(OutboxMessageEntity message, SmtpOptions smtp, PgpPublicKey? encryptTo = null)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(smtp.From!));
        mime.To.Add(MailboxAddress.Parse(message.Recipient!));
        mime.Subject = message.Subject;
        // A stable id per outbox row lets a mail system drop the duplicate if a send is ever retried after success.
        mime.MessageId = $"vigil-outbox-{message.Id}@{MailboxAddress.Parse(smtp.From!).Domain}";
        mime.Headers.Add("X-Vigil-Event", message.EventType);
        // RFC 3834: machine-written mail, so auto-responders stay silent and Vigil's own listener drops it (no loops).
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        if (message.ReplyTo is { } replyTo)
        {
            mime.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }
        if (encryptTo is null)
        {
            mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
            return mime;
        }
        var (text, html) = NotificationTemplates.Encrypted(message.TextBody, message.HtmlBody, message.PrivateText);
        mime.Body = Encrypt(new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody(), encryptTo);
        return mime;
    }

    /// <summary>
    /// RFC 3156 § 4: <c>multipart/encrypted</c> with the <c>application/pgp-encrypted</c> control part and the
    /// armored OpenPGP message of the whole inner MIME entity (AES-256, with integrity protection).
    /// </summary>
    internal static MimeEntity Encrypt(MimeEntity inner, PgpPublicKey key)
    {
        using var clear = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        inner.WriteTo(format, clear);
        using var armored = new MemoryStream();
        using (var armor = new ArmoredOutputStream(armored))
        {
            var generator = new PgpEncryptedDataGenerator(SymmetricKeyAlgorithmTag.Aes256, true, new SecureRandom());
            generator.AddMethod(key);
            using var encrypted = generator.Open(armor, new byte[1 << 16]);
            var literal = new PgpLiteralDataGenerator();
            using (var data = literal.Open(encrypted, PgpLiteralData.Binary, "", clear.Length, DateTime.UtcNow))
            {
                clear.Position = 0;
                clear.CopyTo(data);
            }
        }
        var multipart = new Multipart("encrypted");
        multipart.ContentType.Parameters.Add("protocol", "application/pgp-encrypted");
        multipart.Add(new MimePart("application", "pgp-encrypted")
        {
            Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes("Version: 1\r\n"))),
            ContentTransferEncoding = ContentEncoding.SevenBit,
        });
        multipart.Add(new MimePart("application", "octet-stream")
        {
            FileName = "encrypted.asc",
            Content = new MimeContent(new MemoryStream(armored.ToArray())),
            ContentTransferEncoding = ContentEncoding.SevenBit,
        });
        return multipart;
    }

    private static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.SslOnConnect,
    };
}
