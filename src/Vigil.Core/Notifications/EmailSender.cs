using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Vigil.Core.Notifications;

/// <summary>Sends one outbox e-mail through the configured SMTP server with MailKit (plain text + HTML
/// alternative).</summary>
public sealed class EmailSender(IOptions<SmtpOptions> options)
{
    public bool Configured => options.Value.Configured;

    public async Task SendAsync(OutboxMessageEntity message, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var mime = Build(message, smtp);
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

    internal static MimeMessage Build(OutboxMessageEntity message, SmtpOptions smtp)
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
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.SslOnConnect,
    };
}
