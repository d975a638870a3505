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
/// The mail listener of <c>vigil serve</c> (docs/email.md): SMTP with the SmtpServer library, or LMTP with
/// <see cref="LmtpServer"/> (<see cref="InboundMailOptions.Protocol"/>). Either way recipients are checked at
/// RCPT (an intake or a live reply address, else 550 with no reason), the size at MAIL (SIZE) and while reading,
/// and each message is handed to <see cref="ReceiveMail"/> in a scope of its own. Replies and log lines carry fixed
/// wording, a masked sender and report numbers: never a subject, a body or a file name.
/// </summary>
public sealed partial class InboundMailListener(
    IServiceScopeFactory scopes, IOptions<InboundMailOptions> options, MailKey key, TimeProvider time,
    ILogger<InboundMailListener> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource<EndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Where the listener listens, once it does: an <see cref="IPEndPoint"/> (the port picked when configured as 0)
    /// or, for LMTP on a Unix socket, a <see cref="System.Net.Sockets.UnixDomainSocketEndPoint"/>.
    /// </summary>
    public Task<EndPoint> Bound => _bound.Task;

    internal ILogger Logger => logger;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        if (settings.IsLmtp)
        {
            try
            {
                await new LmtpServer(this, settings, time).RunAsync(Listening, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                _bound.TrySetException(e);
                throw;
            }
            return;
        }
        var server = new SmtpServerOptionsBuilder()
            .ServerName(settings.ReplyDomain!)
            .MaxMessageSize(settings.MaxMessageBytes, MaxMessageSizeHandling.Strict)
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Parse(settings.Address), settings.Port))
                .SessionTimeout(TimeSpan.FromMinutes(2)))
            .Build();
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => Listening(e.LocalEndPoint);
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

    private void Listening(EndPoint bound)
    {
        if (_bound.TrySetResult(bound))
        {
            LogListening(options.Value.IsLmtp ? InboundMailOptions.Lmtp : InboundMailOptions.Smtp, bound);
            if (key.Fingerprint is { } fingerprint)
            {
                LogKey(fingerprint);
            }
        }
    }

    /// <summary>The RCPT check, in a scope of its own.</summary>
    internal async Task<bool> AcceptsAsync(string to, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReceiveMail>()
            .AcceptsRecipientAsync(to, cancellationToken);
    }

    /// <summary>
    /// The message in <paramref name="content"/> for <paramref name="recipients"/>: one reply for them all (SMTP),
    /// or one per recipient in their order when <paramref name="eachRecipient"/> (LMTP).
    /// </summary>
    internal async Task<IReadOnlyList<MailReply>> ReceiveAsync(
        string? sender, IReadOnlyList<string> recipients, Stream content, bool eachRecipient,
        CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(content, cancellationToken);
        }
        catch (FormatException)
        {
            LogReceipt(MailVerdict.Refused, "malformed MIME", Mask.Email(sender), "");
            return [.. Enumerable.Repeat(MailReply.Malformed, eachRecipient ? recipients.Count : 1)];
        }
        IReadOnlyList<MailReceipt> receipts;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var receive = scope.ServiceProvider.GetRequiredService<ReceiveMail>();
            receipts = eachRecipient
                ? await receive.ExecuteForEachAsync(sender, recipients, message, cancellationToken)
                : [await receive.ExecuteAsync(sender, recipients, message, cancellationToken)];
        }
        foreach (var receipt in receipts)
        {
            LogReceipt(receipt.Verdict, receipt.Reason, Mask.Email(sender),
                string.Join(",", receipt.Reports.Select(r => "#" + r)));
        }
        return [.. receipts.Select(MailReply.For)];
    }

    private async Task<SmtpResponse> SaveAsync(
        IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var sender = transaction.From is { User.Length: > 0 } from ? from.AsAddress() : null;
        using var stream = new MemoryStream(buffer.ToArray());
        var reply = (await ReceiveAsync(sender, [.. transaction.To.Select(t => t.AsAddress())], stream,
            eachRecipient: false, cancellationToken)).Single();
        return new SmtpResponse((SmtpReplyCode)reply.Code, reply.Text);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Inbound mail encrypted with OpenPGP to the key {Fingerprint} is opened on receipt")]
    private partial void LogKey(string fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound mail listening ({Protocol}) on {EndPoint}")]
    private partial void LogListening(string protocol, EndPoint endPoint);

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
            listener.AcceptsAsync(to.AsAddress(), cancellationToken);
    }

    private sealed class Store(InboundMailListener listener) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken) =>
            listener.SaveAsync(transaction, buffer, cancellationToken);
    }
}
