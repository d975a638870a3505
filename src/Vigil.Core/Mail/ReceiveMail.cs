using Microsoft.EntityFrameworkCore;
using MimeKit;
using Vigil.Core.Attachments;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Mail;

public enum MailVerdict
{
    /// <summary>Taken: a report or a comment was written.</summary>
    Taken = 0,
    /// <summary>Accepted and dropped on purpose (a bounce, an automatic answer, a loop): nothing written.</summary>
    Dropped = 1,
    /// <summary>Refused for good (SMTP 5xx); nothing written.</summary>
    Refused = 2,
    /// <summary>Refused for now, to be retried later (SMTP 4xx: a rate limit); nothing written.</summary>
    Deferred = 3,
}

/// <summary>
/// What became of one message. <see cref="Reason"/> is fixed wording or field names, never the message's text.
/// </summary>
public sealed record MailReceipt(MailVerdict Verdict, string Reason, IReadOnlyList<long> Reports)
{
    public static MailReceipt Refuse(string reason) => new(MailVerdict.Refused, reason, []);
}

/// <summary>
/// A message that reached an intake address or a reply address (docs/email.md). To an intake address it becomes a
/// new report through <see cref="SubmitReport"/>, the web's own intake (same checks, attachment rules, reputation
/// gate, notifications), as the anonymous reporter whose contact is the sender (a sender address proves no
/// account, so it never speaks for one); the sender is acknowledged by mail. To a reply address it becomes a
/// comment of the participant the address was made for, through <see cref="CommentOnReport"/> (attachments through
/// <see cref="AttachToReport"/>), only from the address that participant was written to.
/// </summary>
public sealed class ReceiveMail(
    VigilDbContext db, ReplyAddresses replies, SubmitReport submit, CommentOnReport comment, AttachToReport attach,
    InboundRateLimit limit, MailKey key, ReceivedMessages received, ReportVault vault)
{
    public const string Duplicate = "duplicate message";

    public const string NoSubject = "(no subject)";
    public const string UnknownAddress = "unknown address";
    public const string RateLimit = "rate limit";

    /// <summary>
    /// The RCPT check: an intake address, or a known reply address not spent. Anything else is refused without a
    /// reason.
    /// </summary>
    public async Task<bool> AcceptsRecipientAsync(string recipient, CancellationToken cancellationToken)
    {
        var address = recipient.Trim().ToLowerInvariant();
        return await db.ProgramIntakeAddresses.AsNoTracking().AnyAsync(a => a.Address == address, cancellationToken)
            || await replies.FindAsync(address, sender: null, cancellationToken) is not null;
    }

    /// <summary>
    /// The message for all its <paramref name="recipients"/> at once, with one verdict (SMTP: one reply to the
    /// message). Remembered, and counted against the rate limits, as one message.
    /// </summary>
    public async Task<MailReceipt> ExecuteAsync(
        string? envelopeSender, IReadOnlyList<string> recipients, MimeMessage message,
        CancellationToken cancellationToken)
    {
        var (opened, refusal) = await OpenAsync(envelopeSender, recipients, message, cancellationToken);
        if (opened is null)
        {
            return refusal!;
        }
        var to = recipients.Select(Normalize).Distinct().ToList();
        var seen = ReceivedMessages.Key(opened.Message, opened.From, to);
        if (seen is not null && await received.SeenAsync(seen, cancellationToken))
        {
            return new MailReceipt(MailVerdict.Dropped, Duplicate, []);
        }
        if (!await limit.TryTakeAsync(opened.From, to, cancellationToken))
        {
            return RateLimited;
        }
        var receipt = await DeliverAsync(opened, to, cancellationToken);
        if (receipt.Verdict == MailVerdict.Taken && seen is not null)
        {
            await received.RememberAsync(seen, cancellationToken);
        }
        return receipt;
    }

    /// <summary>
    /// The message for each of its <paramref name="recipients"/> on its own, one verdict each in their order,
    /// duplicates included (LMTP: one reply per accepted recipient, RFC 2033 § 4.2), under the same rules as
    /// <see cref="ExecuteAsync"/>: the message counts once against the sender's limit and once against each
    /// address's, and each recipient is remembered on its own, so an MTA that retries only the recipients it was
    /// told to retry gets each taken once.
    /// </summary>
    public async Task<IReadOnlyList<MailReceipt>> ExecuteForEachAsync(
        string? envelopeSender, IReadOnlyList<string> recipients, MimeMessage message,
        CancellationToken cancellationToken)
    {
        var (opened, refusal) = await OpenAsync(envelopeSender, recipients, message, cancellationToken);
        if (opened is null)
        {
            return [.. recipients.Select(_ => refusal!)];
        }
        var to = recipients.Select(Normalize).ToList();
        var keys = to.Distinct().ToDictionary(r => r, r => ReceivedMessages.Key(opened.Message, opened.From, [r]));
        var receipts = new Dictionary<string, MailReceipt>();
        foreach (var (recipient, key) in keys)
        {
            if (key is not null && await received.SeenAsync(key, cancellationToken))
            {
                receipts[recipient] = new MailReceipt(MailVerdict.Dropped, Duplicate, []);
            }
        }
        var fresh = keys.Keys.Where(r => !receipts.ContainsKey(r)).ToList();
        var taken = fresh.Count > 0 && await limit.TryTakeAsync(opened.From, fresh, cancellationToken);
        foreach (var recipient in fresh)
        {
            var receipt = taken ? await DeliverAsync(opened, [recipient], cancellationToken) : RateLimited;
            if (receipt.Verdict == MailVerdict.Taken && keys[recipient] is { } key)
            {
                await received.RememberAsync(key, cancellationToken);
            }
            else
            {
                // nothing of a refused recipient stays tracked for the next one's save
                db.ChangeTracker.Clear();
            }
            receipts[recipient] = receipt;
        }
        return [.. to.Select(r => receipts[r])];
    }

    private static readonly MailReceipt RateLimited = new(MailVerdict.Deferred, RateLimit, []);

    private sealed record Opened(
        MimeMessage Message, MailSecurity Security, string From, IReadOnlyList<AttachmentUpload> Files);

    private static string Normalize(string recipient) => recipient.Trim().ToLowerInvariant();

    /// <summary>What holds for every recipient: loops and bounces dropped, encryption opened, one sender.</summary>
    private async Task<(Opened? Opened, MailReceipt? Refusal)> OpenAsync(
        string? envelopeSender, IReadOnlyList<string> recipients, MimeMessage message,
        CancellationToken cancellationToken)
    {
        if (MailScreening.DropReason(envelopeSender, message) is { } drop)
        {
            return (null, new MailReceipt(MailVerdict.Dropped, drop, []));
        }
        MailSecurity security;
        try
        {
            (message, security) = OpenPgpMail.Open(message, await KeysAsync(recipients, cancellationToken),
                await SenderKeyAsync(message, cancellationToken));
        }
        catch (MailNotOpenedException e)
        {
            return (null, MailReceipt.Refuse(e.Message));
        }
        if (message.From.Mailboxes.ToList() is not [{ } from]
            || !MailboxAddress.TryParse(from.Address, out _) || from.Address.Length > 320)
        {
            return (null, MailReceipt.Refuse("malformed: one sender mailbox needed in From"));
        }
        return (new Opened(message, security, from.Address, Attachments(message)), null);
    }

    /// <summary>
    /// Where to look for the key a message is encrypted to: the own keys of the programs whose intake addresses
    /// are among <paramref name="recipients"/>, then the instance's key (which alone opens replies). A program's
    /// key is unsealed here and unlocked only for a message encrypted to it.
    /// </summary>
    private async Task<List<Func<long, Org.BouncyCastle.Bcpg.OpenPgp.PgpPrivateKey?>>> KeysAsync(
        IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        var to = recipients.Select(Normalize).Distinct().ToList();
        var sealedKeys = await db.ProgramIntakeAddresses.AsNoTracking().Where(a => to.Contains(a.Address))
            .Join(db.ProgramOpenPgpKeys.AsNoTracking(), a => a.ProgramId, k => k.ProgramId, (a, k) => k)
            .Select(k => k.SealedSecretKey).Distinct().ToListAsync(cancellationToken);
        var keys = new List<Func<long, Org.BouncyCastle.Bcpg.OpenPgp.PgpPrivateKey?>>();
        foreach (var sealedKey in sealedKeys)
        {
            if (Programs.ProgramOpenPgpSecretKey.Open(vault, sealedKey) is { } programKey)
            {
                keys.Add(programKey.Find);
            }
        }
        if (key.Enabled)
        {
            keys.Add(key.Find);
        }
        return keys;
    }

    private async Task<MailReceipt> DeliverAsync(Opened opened, List<string> to, CancellationToken cancellationToken)
    {
        var (message, from) = (opened.Message, opened.From);
        var intake = await db.ProgramIntakeAddresses.AsNoTracking().Where(a => to.Contains(a.Address))
            .Join(db.Programs.AsNoTracking(), a => a.ProgramId, p => p.Id, (a, p) => p.Slug)
            .Distinct().ToListAsync(cancellationToken);
        var threads = new List<ReplyAddressEntity>();
        foreach (var recipient in to.Where(replies.IsReplyAddress))
        {
            // Unknown, spent, or written by someone other than the participant: refused, and the answer says no more.
            if (await replies.FindAsync(recipient, from, cancellationToken) is not { } thread)
            {
                return MailReceipt.Refuse(UnknownAddress);
            }
            threads.Add(thread);
        }
        var written = new List<long>();
        try
        {
            foreach (var slug in intake)
            {
                var report = Report(message, from, opened.Files, opened.Security);
                written.Add((await submit.ExecuteAsync(slug, report, Actor.Anonymous, cancellationToken)).Id);
            }
            foreach (var thread in threads.DistinctBy(t => (t.ReportId, t.UserId)))
            {
                await ReplyAsync(thread, message, opened.Files, opened.Security, cancellationToken);
                written.Add(thread.ReportId);
            }
        }
        catch (ValidationFailedException e)
        {
            return MailReceipt.Refuse("not accepted: " + string.Join(", ", e.Errors.Keys.Order()));
        }
        catch (TooManyRequestsException)
        {
            return new MailReceipt(MailVerdict.Deferred, "intake limit", written);
        }
        catch (NotFoundException)
        {
            // The participant no longer sees the report: the address is spent.
            return MailReceipt.Refuse(UnknownAddress);
        }
        return written.Count == 0
            ? MailReceipt.Refuse("no recipient")
            : new MailReceipt(MailVerdict.Taken, "taken", written);
    }

    private static SubmitReportRequest Report(
        MimeMessage message, string sender, IReadOnlyList<AttachmentUpload> files, MailSecurity security)
    {
        var title = string.IsNullOrWhiteSpace(message.Subject) ? NoSubject : message.Subject.Trim();
        if (title.Length > ReportInputValidation.MaxTitle)
        {
            title = title[..(ReportInputValidation.MaxTitle - 1)] + "…";
        }
        return new SubmitReportRequest([], title, MailText.Body(message),
            ReporterEmail: sender, Attachments: files, Channel: ReportChannel.Mail, MailSecurity: security);
    }

    private async Task ReplyAsync(
        ReplyAddressEntity thread, MimeMessage message, IReadOnlyList<AttachmentUpload> files, MailSecurity security,
        CancellationToken cancellationToken)
    {
        // A reply is a comment of the participant: the secret address stands for their second factor on this one
        // report; nothing else (decisions, internal notes) can be done by mail.
        var actor = thread.UserId is { } user
            ? Actor.User(user, twoFactor: true)
            : Actor.ReporterByMail(thread.ReportId);
        var text = MailText.Reply(MailText.Body(message));
        if (text.Length == 0 && files.Count == 0)
        {
            throw new ValidationFailedException("An empty reply.",
                new Dictionary<string, string[]> { ["text"] = ["the reply has no text of its own."] });
        }
        if (files.Count > 0)
        {
            await attach.ExecuteAsync(thread.ReportId, actor, files, cancellationToken: cancellationToken);
        }
        if (text.Length > 0)
        {
            await comment.ExecuteAsync(
                thread.ReportId, actor, text, internalNote: false, security.Describe(), cancellationToken);
        }
    }

    /// <summary>
    /// The key registered by the account whose confirmed address is the message's sender, to check a signature
    /// with: a signature proves the account only through the key the account chose.
    /// </summary>
    private async Task<Accounts.OpenPgpPublicKey?> SenderKeyAsync(
        MimeMessage message, CancellationToken cancellationToken)
    {
        if (message.From.Mailboxes.FirstOrDefault()?.Address is not { Length: > 0 and <= 320 } address)
        {
            return null;
        }
        var normalized = address.ToUpperInvariant();
        var armored = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized && u.EmailConfirmed)
            .Join(db.AccountKeys.AsNoTracking(), u => u.Id, k => k.UserId, (u, k) => k.PublicKey)
            .FirstOrDefaultAsync(cancellationToken);
        return armored is null ? null : Accounts.OpenPgpPublicKey.Stored(armored);
    }

    private static List<AttachmentUpload> Attachments(MimeMessage message)
    {
        var files = new List<AttachmentUpload>();
        foreach (var entity in message.Attachments)
        {
            using var content = new MemoryStream();
            switch (entity)
            {
                case MimePart part:
                    part.Content?.DecodeTo(content);
                    files.Add(new AttachmentUpload(part.FileName ?? "", content.ToArray()));
                    break;
                case MessagePart forwarded when forwarded.Message is not null:
                    // A forwarded message is kept as its text; the attachment rules decide whether that
                    // text is acceptable.
                    forwarded.Message.WriteTo(content);
                    files.Add(new AttachmentUpload("forwarded-message.txt", content.ToArray()));
                    break;
            }
        }
        return files;
    }
}
