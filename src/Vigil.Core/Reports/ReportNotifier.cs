using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Notifications;
using Vigil.Core.Programs;

namespace Vigil.Core.Reports;

/// <summary>Who hears about a report event.</summary>
[Flags]
public enum Audience
{
    Team = 1,
    Reporter = 2,
    Maintainers = 4,

    /// <summary>The program's admins (members with the admin role).</summary>
    Admins = 8,
}

/// <summary>
/// Queues the notifications of a report event in the caller's unit of work (they commit with the state
/// change, or not at all): e-mails to the chosen audience and the program's webhooks. Messages carry only
/// <see cref="NotificationFacts"/> — program, number, link, deadline — never report text, except an e-mail to a
/// recipient whose account registered an OpenPGP key: it is encrypted to that key and names the report's title
/// (<see cref="PrivateNotice"/>).
/// </summary>
/// <param name="replies">Per-participant reply addresses for the mail (docs/email.md); disabled: none.</param>
public sealed class ReportNotifier(
    VigilDbContext db, TimeProvider time, string publicBaseUrl, ReportVault vault, Mail.ReplyAddresses replies)
    : IReportNotifier
{
    /// <summary>The outbox, on the caller's context, sealing with the instance's master key.</summary>
    public EnqueueNotification Outbox => new(db, time, vault);

    public Uri Link(long reportId) => new(new Uri(publicBaseUrl.TrimEnd('/') + "/"), $"reports/{reportId}");

    /// <summary>An e-mail invitation's link; the token is in the fragment, which browsers never send (so no log can
    /// hold it).</summary>
    public Uri InvitationLink(long reportId, string token) => InvitationLink(publicBaseUrl, reportId, token);

    /// <summary>The invitation link on another base address (the one the inviter's request came to, when none is
    /// configured).</summary>
    public static Uri InvitationLink(string baseUrl, long reportId, string token) =>
        new(new Uri(baseUrl.TrimEnd('/') + "/"), $"reports/{reportId}/invitation#token={Uri.EscapeDataString(token)}");

    public async Task QueueAsync(
        ReportEntity report,
        string eventType,
        Audience audience,
        ReportContent? content,
        DateTimeOffset? deadline,
        CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == report.ProgramId, cancellationToken);
        var facts = new NotificationFacts(program.Name, report.Id, Link(report.Id), deadline);
        // Who each recipient is (an account, or null for the anonymous reporter), for their reply address.
        var recipients = new List<(string Address, Guid? User, bool CanReply)>();
        if (audience.HasFlag(Audience.Team))
        {
            recipients.AddRange((await db.ProgramMembers.AsNoTracking().Where(m => m.ProgramId == report.ProgramId)
                .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email })
                .Where(u => u.Email != null).ToListAsync(cancellationToken))
                .Select(u => (u.Email!, (Guid?)u.Id, true)));
        }
        if (audience.HasFlag(Audience.Admins))
        {
            recipients.AddRange((await db.ProgramMembers.AsNoTracking()
                .Where(m => m.ProgramId == report.ProgramId && m.Role == ProgramRole.Admin)
                .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email })
                .Where(u => u.Email != null).ToListAsync(cancellationToken))
                .Select(u => (u.Email!, (Guid?)u.Id, true)));
        }
        if (audience.HasFlag(Audience.Reporter))
        {
            if (content?.ReporterEmail is { } email)
            {
                recipients.Add((email, report.ReporterUserId, true));
            }
            else if (report.ReporterUserId is { } reporter
                && await db.Users.AsNoTracking()
                    .Where(u => u.Id == reporter)
                    .Select(u => u.Email)
                    .SingleOrDefaultAsync(cancellationToken) is { } accountEmail)
            {
                recipients.Add((accountEmail, reporter, true));
            }
        }
        if (audience.HasFlag(Audience.Maintainers))
        {
            var participants = await db.ReportParticipants.AsNoTracking()
                .Where(p => p.ReportId == report.Id)
                .ToListAsync(cancellationToken);
            // An invitee who has not accepted yet has no account on the report: no reply address until they do.
            recipients.AddRange(participants.Where(p => p.Email is not null)
                .Select(p => (p.Email!, p.UserId, p.UserId is not null)));
            var ids = participants.Where(p => p.Email is null && p.UserId is not null)
                .Select(p => p.UserId!.Value)
                .ToList();
            recipients.AddRange((await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Email != null)
                    .Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken))
                .Select(u => (u.Email!, (Guid?)u.Id, true)));
        }
        var enqueue = Outbox;
        var users = recipients.Where(r => r.User is not null).Select(r => r.User!.Value).Distinct().ToList();
        // The OpenPGP keys the recipients' accounts registered: their mail goes encrypted, with the report's title.
        var keys = await db.AccountKeys.AsNoTracking().Where(k => users.Contains(k.UserId))
            .ToDictionaryAsync(k => k.UserId, k => k.Fingerprint, cancellationToken);
        enqueue.Email(eventType, facts, recipients.DistinctBy(r => r.Address, StringComparer.OrdinalIgnoreCase)
            .Select(r => new MailRecipient(r.Address,
                replies.Enabled && r.CanReply ? replies.Issue(report.Id, r.User, r.Address) : null,
                r.User is { } user ? keys.GetValueOrDefault(user) : null))
            .ToList(), content is null ? null : new PrivateNotice(content.Title));
        if (eventType != NotificationEvent.Acknowledged)
        {
            await enqueue.WebhooksAsync(eventType, report.ProgramId, facts, cancellationToken);
        }
    }

    public async Task QueueInvitationAsync(
        ReportEntity report, ReportParticipantEntity participant, string? token, CancellationToken cancellationToken)
    {
        var recipient = participant.Email ?? (participant.UserId is { } u
            ? await db.Users.AsNoTracking()
                .Where(x => x.Id == u)
                .Select(x => x.Email)
                .SingleOrDefaultAsync(cancellationToken)
            : null);
        if (recipient is null)
        {
            return;
        }
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == report.ProgramId, cancellationToken);
        var link = token is { } t ? InvitationLink(report.Id, t) : Link(report.Id);
        Outbox.Email(NotificationEvent.MaintainerInvited, new NotificationFacts(
            program.Name, report.Id, link, report.PublicationDueAt), [recipient]);
    }
}
