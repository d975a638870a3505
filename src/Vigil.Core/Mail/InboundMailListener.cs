using System.Buffers;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Vigil.Core.Notifications;

namespace Vigil.Core.Mail;

/// <summary>
/// The SMTP listener of <c>vigil serve</c> (docs/mail.md), with the SmtpServer library: recipients are checked at
/// RCPT (an intake or a live reply address, else 550 with no reason), the size at MAIL (SIZE) and while reading,
/// and each message is handed to <see cref="ReceiveMail"/> in a scope of its own. Replies and log lines carry fixed
/// wording, a masked sender and report numbers: never a subject, a body or a file name.
/// </summary>
public sealed partial class InboundMailListener(
    IServiceScopeFactory scopes, IOptions<InboundMailOptions> options, MailKey key, ILogger<InboundMailListener> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Where the listener listens, once it does (the port picked when configured as 0).</summary>
    public Task<IPEndPoint> Bound => _bound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        var server = new SmtpServerOptionsBuilder()
            .ServerName(settings.ReplyDomain!)
            .MaxMessageSize(settings.MaxMessageBytes, MaxMessageSizeHandling.Strict)
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Parse(settings.Address), settings.Port))
                .SessionTimeout(TimeSpan.FromMinutes(2)))
            .Build();
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) =>
        {
            if (e.LocalEndPoint is IPEndPoint bound && _bound.TrySetResult(bound))
            {
                LogListening(bound);
                if (key.Fingerprint is { } fingerprint)
                {
                    LogKey(fingerprint);
                }
            }
        };
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new RecipientFilter(this));
        services.Add(new Store(this));
        try
        {
            await new SmtpServer.SmtpServer(server, services).StartAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _bound.TrySetException(e);
            throw;
        }
    }

    private async Task<bool> AcceptsAsync(IMailbox to, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReceiveMail>()
            .AcceptsRecipientAsync(to.AsAddress(), cancellationToken);
    }

    private async Task<SmtpResponse> SaveAsync(
        IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var sender = transaction.From is { User.Length: > 0 } from ? from.AsAddress() : null;
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(buffer.ToArray());
            message = await MimeMessage.LoadAsync(stream, cancellationToken);
        }
        catch (FormatException)
        {
            LogReceipt(MailVerdict.Refused, "malformed MIME", Mask.Email(sender), "");
            return new SmtpResponse(SmtpReplyCode.TransactionFailed, "5.6.0 Malformed message");
        }
        MailReceipt receipt;
        await using (var scope = scopes.CreateAsyncScope())
        {
            receipt = await scope.ServiceProvider.GetRequiredService<ReceiveMail>()
                .ExecuteAsync(sender, transaction.To.Select(t => t.AsAddress()).ToList(), message, cancellationToken);
        }
        LogReceipt(receipt.Verdict, receipt.Reason, Mask.Email(sender),
            string.Join(",", receipt.Reports.Select(r => "#" + r)));
        return receipt.Verdict switch
        {
            MailVerdict.Taken or MailVerdict.Dropped => SmtpResponse.Ok,
            MailVerdict.Deferred => new SmtpResponse((SmtpReplyCode)451, "4.7.1 Too many messages, try again later"),
            _ when receipt.Reason == ReceiveMail.UnknownAddress =>
                new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 Message refused"),
            // Field names only (e.g. "attachments[0]"): the MTA logs this line and bounces it to the sender.
            _ => new SmtpResponse(SmtpReplyCode.TransactionFailed, "5.6.0 Message refused: " + receipt.Reason),
        };
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Inbound mail encrypted with OpenPGP to the key {Fingerprint} is opened on receipt")]
    private partial void LogKey(string fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound mail listening on {EndPoint}")]
    private partial void LogListening(IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Inbound mail from {Sender}: {Verdict} ({Reason}) {Reports}")]
    private partial void LogReceipt(MailVerdict verdict, string reason, string sender, string reports);

    private sealed class RecipientFilter(InboundMailListener listener) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(
            ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(
            ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            listener.AcceptsAsync(to, cancellationToken);
    }

    private sealed class Store(InboundMailListener listener) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken) =>
            listener.SaveAsync(transaction, buffer, cancellationToken);
    }
}
