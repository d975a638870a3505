using System.Data.Common;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Vigil.Core.Data;
using Vigil.Core.Notifications;

namespace Vigil.Core.Mail;

/// <summary>What one poll did with one message: its UID in the polled folder, the receipt, where it went.</summary>
public sealed record ImapReceipt(uint Uid, MailReceipt Receipt, string? MovedTo);

/// <summary>One poll: <see cref="Polled"/> is false when another instance (or pass) held the mailbox.</summary>
public sealed record ImapPass(bool Polled, IReadOnlyList<ImapReceipt> Messages)
{
    public static readonly ImapPass Busy = new(false, []);
}

/// <summary>
/// Polls the IMAP mailbox of <c>Vigil:Mail:Imap</c> (docs/email.md) with MailKit, every poll interval in
/// <c>vigil serve</c>: each message in the folder (by UID, oldest first) is handed to <see cref="ReceiveMail"/> in a
/// scope of its own, as the SMTP listener hands what it accepts, and moved only after what it became is committed:
/// taken (or taken before: a duplicate) to the processed folder, dropped (a bounce, an automatic answer) to the
/// dropped folder, refused to the refused folder; deferred (a rate limit) it stays for the next poll. Nothing is
/// ever sent back: the sender of a refused message learns nothing. The recipients are read from the headers
/// (<c>Delivered-To</c>, <c>X-Original-To</c>, <c>Envelope-To</c>, <c>To</c>, <c>Cc</c>) and checked one by one as
/// at RCPT; the envelope sender from <c>Return-Path</c>. One poll holds a mailbox at a time: in this instance a
/// semaphore, across instances on PostgreSQL a session advisory lock, released by the database when a crashed
/// instance's connection drops (SQLite serves one instance). A crash between the commit and the move leaves the
/// message in the folder; the next poll finds it in the duplicate memory (<see cref="ReceivedMessages"/>) and only
/// moves it.
/// </summary>
public sealed partial class ImapMailPoller(
    IServiceScopeFactory scopes, IOptions<ImapMailOptions> options, IOptions<InboundMailOptions> inbound,
    TimeProvider time, ILogger<ImapMailPoller> logger)
    : BackgroundService
{
    /// <summary>The most messages one poll reads; the rest wait for the next.</summary>
    public const int MaxPerPoll = 100;

    /// <summary>The most messages one poll looks at (their UID, size and envelope), the oldest first.</summary>
    public const int MaxScanned = 2000;

    /// <summary>The most header recipients one message is checked for.</summary>
    public const int MaxRecipients = 50;

    public const string TooLarge = "too large";
    public const string Malformed = "malformed MIME";
    public const string Failed = "failed";

    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        LogPolling(settings.Host!, settings.Port, settings.User!, settings.Folder, settings.PollInterval);
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A server or database hiccup must not stop the poller; the next tick tries again. MailKit's
                // messages name commands and server answers, never a message's text.
                LogPollFailed(settings.Host!, settings.Port, e.GetType().Name, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <summary>One poll of the mailbox, unless another poll (of this instance, or of another instance on the same
    /// PostgreSQL database) holds it.</summary>
    public async Task<ImapPass> PollAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = LockKey(settings);
        if (!await _gate.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return ImapPass.Busy;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
            if (!db.Database.IsNpgsql())
            {
                return new ImapPass(true, await PollHeldAsync(settings, cancellationToken));
            }
            // A session lock on a connection kept open for the poll: a crashed instance's lock goes with its
            // connection, so no lease has to lapse.
            await db.Database.OpenConnectionAsync(cancellationToken);
            var held = await db.Database
                .SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").ToListAsync(cancellationToken);
            if (held is not [true])
            {
                return ImapPass.Busy;
            }
            try
            {
                return new ImapPass(true, await PollHeldAsync(settings, cancellationToken));
            }
            finally
            {
                try
                {
                    await db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock({key}) AS \"Value\"")
                        .ToListAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is DbException or InvalidOperationException)
                {
                    // A broken connection: the server ends the session, and its lock with it.
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<ImapReceipt>> PollHeldAsync(
        ImapMailOptions settings, CancellationToken cancellationToken)
    {
        using var client = new ImapClient { Timeout = 120_000 };
        await client.ConnectAsync(settings.Host!.Trim(), settings.Port, settings.Security switch
        {
            ImapSecurity.None => SecureSocketOptions.None,
            ImapSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.SslOnConnect,
        }, cancellationToken);
        await client.AuthenticateAsync(settings.User!, settings.Password!, cancellationToken);
        var source = await FolderAsync(client, settings.Folder, create: false, nameof(settings.Folder),
            cancellationToken);
        var targets = new Dictionary<MailVerdict, IMailFolder>
        {
            [MailVerdict.Taken] = await FolderAsync(client, settings.ProcessedFolder, create: true,
                nameof(settings.ProcessedFolder), cancellationToken),
            [MailVerdict.Dropped] = await FolderAsync(client, settings.DroppedFolder, create: true,
                nameof(settings.DroppedFolder), cancellationToken),
            [MailVerdict.Refused] = await FolderAsync(client, settings.RefusedFolder, create: true,
                nameof(settings.RefusedFolder), cancellationToken),
        };
        await source.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var uids = (await source.SearchAsync(SearchQuery.NotDeleted, cancellationToken))
            .OrderBy(u => u.Id).Take(MaxScanned).ToList();
        var done = new List<ImapReceipt>();
        if (uids.Count == 0)
        {
            await client.DisconnectAsync(true, cancellationToken);
            return done;
        }
        var summaries = await source.FetchAsync(uids,
            MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.Envelope, cancellationToken);
        // A sender over the rate limit once in this poll is over it for the rest: their other messages stay without
        // being read, so a flood from one sender does not hold back everyone else's mail behind it.
        var limited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var read = 0;
        foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
        {
            var from = summary.Envelope?.From.Mailboxes.FirstOrDefault()?.Address ?? "";
            if (limited.Contains(from))
            {
                continue;
            }
            if (read++ == MaxPerPoll)
            {
                break;
            }
            MailReceipt receipt;
            try
            {
                receipt = await TakeAsync(source, summary, cancellationToken);
            }
            catch (Exception e) when (e is not (OperationCanceledException or IOException or SocketException
                or ProtocolException or CommandException or ServiceNotConnectedException))
            {
                // One message that fails (the database away, a fault) must not hold back the others behind it: it
                // stays in the folder for the next poll. The type only: a database's message may quote values.
                LogTakeFailed(summary.UniqueId.Id, e.GetType().Name);
                receipt = new MailReceipt(MailVerdict.Deferred, Failed, []);
            }
            if (receipt is { Verdict: MailVerdict.Deferred, Reason: ReceiveMail.RateLimit })
            {
                limited.Add(from);
            }
            var target = receipt.Verdict switch
            {
                MailVerdict.Deferred => null,
                // Taken once already (a crash before this move, or the same message delivered twice).
                MailVerdict.Dropped when receipt.Reason == ReceiveMail.Duplicate => targets[MailVerdict.Taken],
                _ => targets[receipt.Verdict],
            };
            if (target is not null)
            {
                await source.MoveToAsync(summary.UniqueId, target, cancellationToken);
            }
            done.Add(new ImapReceipt(summary.UniqueId.Id, receipt, target?.FullName));
        }
        await client.DisconnectAsync(true, cancellationToken);
        return done;
    }

    private async Task<MailReceipt> TakeAsync(
        IMailFolder source, IMessageSummary summary, CancellationToken cancellationToken)
    {
        if (summary.Size is { } size && size > inbound.Value.MaxMessageBytes)
        {
            LogReceipt(summary.UniqueId.Id, MailVerdict.Refused, TooLarge, Mask.Email(null), "");
            return MailReceipt.Refuse(TooLarge);
        }
        MimeMessage message;
        try
        {
            message = await source.GetMessageAsync(summary.UniqueId, cancellationToken);
        }
        catch (FormatException)
        {
            LogReceipt(summary.UniqueId.Id, MailVerdict.Refused, Malformed, Mask.Email(null), "");
            return MailReceipt.Refuse(Malformed);
        }
        var receipt = await ReceiveAsync(message, cancellationToken);
        LogReceipt(summary.UniqueId.Id, receipt.Verdict, receipt.Reason, Mask.Email(EnvelopeSender(message)),
            string.Join(",", receipt.Reports.Select(r => "#" + r)));
        return receipt;
    }

    /// <summary>
    /// One message as the listener takes one: the recipients that would pass RCPT, then <see cref="ReceiveMail"/>.
    /// Committed when it returns; the caller moves the message after.
    /// </summary>
    internal async Task<MailReceipt> ReceiveAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var receive = scope.ServiceProvider.GetRequiredService<ReceiveMail>();
        var accepted = new List<string>();
        foreach (var recipient in Recipients(message))
        {
            if (await receive.AcceptsRecipientAsync(recipient, cancellationToken))
            {
                accepted.Add(recipient);
            }
        }
        if (accepted.Count == 0)
        {
            // The listener refuses at RCPT with 550 and no reason; here the message is refused the same way.
            return MailReceipt.Refuse(ReceiveMail.UnknownAddress);
        }
        return await receive.ExecuteAsync(EnvelopeSender(message), accepted, message, cancellationToken);
    }

    /// <summary>
    /// The envelope sender the delivering MTA recorded in <c>Return-Path</c> (the topmost one; <c>&lt;&gt;</c>, a
    /// bounce, is empty); without one, the <c>From</c> mailbox.
    /// </summary>
    internal static string? EnvelopeSender(MimeMessage message)
    {
        if (message.Headers[HeaderId.ReturnPath] is { } path)
        {
            var value = path.Trim().Trim('<', '>').Trim();
            return value.Length == 0 ? "" : value;
        }
        return message.From.Mailboxes.FirstOrDefault()?.Address;
    }

    /// <summary>
    /// The addresses the message was delivered to, as far as its headers tell: what the final MTA recorded
    /// (<c>Delivered-To</c>, <c>X-Original-To</c>, <c>Envelope-To</c>, which name a Bcc recipient too) and
    /// <c>To</c> and <c>Cc</c>; in lower case, each once, at most <see cref="MaxRecipients"/>.
    /// </summary>
    internal static IReadOnlyList<string> Recipients(MimeMessage message)
    {
        var found = new List<string>();
        foreach (var header in message.Headers)
        {
            if (header.Field.Equals("Delivered-To", StringComparison.OrdinalIgnoreCase)
                || header.Field.Equals("X-Original-To", StringComparison.OrdinalIgnoreCase)
                || header.Field.Equals("Envelope-To", StringComparison.OrdinalIgnoreCase))
            {
                if (InternetAddressList.TryParse(header.Value, out var list))
                {
                    found.AddRange(list.Mailboxes.Select(m => m.Address));
                }
            }
        }
        found.AddRange(message.To.Mailboxes.Select(m => m.Address));
        found.AddRange(message.Cc.Mailboxes.Select(m => m.Address));
        return found.Where(a => a.Length is > 0 and <= 320 && a.Contains('@'))
            .Select(a => a.Trim().ToLowerInvariant()).Distinct().Take(MaxRecipients).ToList();
    }

    /// <summary>
    /// A folder by its configured path (levels separated by <c>/</c>), found level by level from the personal
    /// namespace whatever separator the server uses; created when missing if <paramref name="create"/>.
    /// </summary>
    private static async Task<IMailFolder> FolderAsync(
        ImapClient client, string path, bool create, string setting, CancellationToken cancellationToken)
    {
        if (ImapMailOptions.Normal(path) == "INBOX")
        {
            return client.Inbox;
        }
        var folder = client.GetFolder(client.PersonalNamespaces[0])
            ?? throw new InvalidOperationException("The IMAP server names no personal folders.");
        foreach (var level in path.Trim().Split('/').Select(l => l.Trim()))
        {
            var next = (await folder.GetSubfoldersAsync(false, cancellationToken))
                .FirstOrDefault(f => f.Name == level);
            if (next is null && !create)
            {
                throw new InvalidOperationException(
                    $"{ImapMailOptions.Section}:{setting}: the folder '{path}' does not exist in the mailbox.");
            }
            folder = next ?? await folder.CreateAsync(level, isMessageFolder: true, cancellationToken)
                ?? throw new InvalidOperationException(
                    $"{ImapMailOptions.Section}:{setting}: the folder '{path}' could not be made in the mailbox.");
        }
        return folder;
    }

    /// <summary>One lock per mailbox (host, user, folder): two mailboxes may be polled at once.</summary>
    private static long LockKey(ImapMailOptions settings) => PostgresLockKey.For(
        $"vigil-imap:{settings.Host?.Trim().ToLowerInvariant()}:{settings.Port}:{settings.User}:"
        + ImapMailOptions.Normal(settings.Folder));

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Inbound mail polled from imap://{Host}:{Port} as {User}, folder {Folder}, every {Interval}")]
    private partial void LogPolling(string host, int port, string user, string folder, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Inbound mail poll of imap://{Host}:{Port} failed: {Error}: {Detail}")]
    private partial void LogPollFailed(string host, int port, string error, string detail);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Inbound mail (IMAP UID {Uid}) could not be taken ({Error}); it stays for the next poll")]
    private partial void LogTakeFailed(uint uid, string error);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Inbound mail (IMAP UID {Uid}) from {Sender}: {Verdict} ({Reason}) {Reports}")]
    private partial void LogReceipt(uint uid, MailVerdict verdict, string reason, string sender, string reports);
}
