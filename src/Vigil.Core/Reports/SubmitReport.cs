using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Attachments;
using Vigil.Core.Programs;

namespace Vigil.Core.Reports;

public sealed record ReportPackageInput(string Ecosystem, string Name, string AffectedVersions);

/// <param name="OnBehalfOf">A team member filing for someone with an account: that account is the reporter, the team
/// member the filer.</param>
public sealed record SubmitReportRequest(
    IReadOnlyList<ReportPackageInput> Packages,
    string Title,
    string Description,
    string? ProofOfConcept = null,
    string? CvssVector = null,
    string? Cwe = null,
    string? ReporterEmail = null,
    string? CreditName = null,
    Guid? OnBehalfOf = null,
    IReadOnlyList<AttachmentUpload>? Attachments = null,
    ReportChannel Channel = ReportChannel.Web,
    Mail.MailSecurity? MailSecurity = null);

/// <summary>
/// How a report arrived. By e-mail (docs/email.md) it may name no package yet (the team names them; an advisory
/// needs one to be published), and the sender is acknowledged by mail in the same transaction.
/// </summary>
public enum ReportChannel
{
    Web = 0,
    Mail = 1,
}

/// <summary>
/// The new report's number; <see cref="FollowUpToken"/> is shown this once to an anonymous reporter and never
/// again. <see cref="HeldForReview"/>: the program reviews reports below its minimum signal first.
/// </summary>
public sealed record SubmittedReport(
    long Id, string? FollowUpToken, DateTimeOffset TriageDueAt, bool HeldForReview = false);

/// <summary>
/// Intake (docs/disclosure.md): a report names package(s), affected versions, a description with proof of
/// concept and optionally a CVSS vector and a CWE. Anyone may submit, signed in or not. The triage deadline
/// is set now: the program's business days after submission (docs/disclosure.md, the program's policy).
/// </summary>
public sealed class SubmitReport(
    VigilDbContext db, ReportVault vault, TimeProvider time, IReportNotifier notifier,
    IOptions<AttachmentOptions> attachmentOptions,
    Reputation.ReportIntakeGate intakeGate)
{
    public async Task<SubmittedReport> ExecuteAsync(
        string programSlug, SubmitReportRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        var program = await db.Programs.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Slug == programSlug, cancellationToken)
            ?? throw new NotFoundException($"No program '{programSlug}'.");
        var (score, attachments) = Check(program, request);
        Guid? reporter = null, filedBy = null;
        var byTeam = false;
        if (actor.Kind == ActorKind.User)
        {
            filedBy = actor.UserId;
            reporter = request.OnBehalfOf ?? actor.UserId;
            byTeam = await ReportAccess.IsTeamAsync(db, program.Id, actor, cancellationToken);
            if (request.OnBehalfOf is not null && !byTeam)
            {
                throw new ValidationFailedException("Only the program's team can file a report on someone's behalf.",
                    new Dictionary<string, string[]>
                    {
                        ["onBehalfOf"] = ["only the program's team can file on someone's behalf."],
                    });
            }
        }

        var now = time.GetUtcNow();
        var intake = await intakeGate.CheckAsync(program, reporter, byTeam, now, cancellationToken);
        var group = await DuplicateGroups.FindAsync(db, program.Id, request.Packages, cancellationToken);
        var (dataKey, wrapped) = vault.NewDataKey();
        var content = new ReportContent(
            request.Title.Trim(), request.Description, request.ProofOfConcept, request.ReporterEmail?.Trim(),
            request.CreditName?.Trim());
        (string Token, byte[] Hash)? followUp = reporter is null ? FollowUpTokens.Create() : null;
        var report = new ReportEntity
        {
            ProgramId = program.Id,
            ReporterUserId = reporter,
            FiledByUserId = filedBy,
            FollowUpTokenHash = followUp?.Hash,
            WrappedKey = wrapped,
            SealedContent = content.Seal(dataKey),
            CvssVector = request.CvssVector?.Trim(),
            CvssScore = score,
            Cwe = request.Cwe?.Trim(),
            HeldForReview = intake.HeldForReview,
            DuplicateGroupId = group?.GroupId,
            DuplicateGroupReason = group?.Reason,
            SubmittedAt = now,
            TriageDueAt = BusinessCalendar.For(program).AddBusinessDays(now, program.TriageBusinessDays),
            Packages = request.Packages.Select(p => new ReportPackageEntity
            {
                Ecosystem = p.Ecosystem,
                Name = p.Name.Trim(),
                AffectedVersions = p.AffectedVersions.Trim(),
            }).ToList(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Reports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        ReportTimeline.Add(
            db, report, actor, ReportEventKind.Submitted, now, EventVisibility.Participants, to: ReportState.New,
            detail: SubmittedDetail(intake.HeldForReview, request.MailSecurity));
        if (group is not null)
        {
            ReportTimeline.Add(
                db, report, Actor.System, ReportEventKind.Grouped, now, EventVisibility.Team,
                $"possible duplicate of #{group.GroupId}: {group.Reason}");
        }
        ReportAttachments.Add(db, report, dataKey, actor, now, EventVisibility.Participants, attachments);
        await notifier.QueueAsync(
            report, Notifications.NotificationEvent.ReportReceived, Audience.Team, content, report.TriageDueAt,
            cancellationToken);
        if (request.Channel == ReportChannel.Mail)
        {
            await notifier.QueueAsync(report, Notifications.NotificationEvent.Acknowledged, Audience.Reporter, content,
                report.TriageDueAt, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SubmittedReport(report.Id, followUp?.Token, report.TriageDueAt, report.HeldForReview);
    }

    /// <summary>Facts about the intake for the timeline: held for review, how the mail was protected.</summary>
    private static string? SubmittedDetail(bool heldForReview, Mail.MailSecurity? security)
    {
        string?[] facts = [heldForReview ? "held for review" : null, security?.Describe()];
        var detail = string.Join("; ", facts.OfType<string>());
        return detail.Length == 0 ? null : detail;
    }

    /// <summary>The fields and the attachments, every problem reported at once.</summary>
    private (double? Score, IReadOnlyList<(AttachmentUpload, string, string)> Attachments) Check(
        ProgramEntity program, SubmitReportRequest request)
    {
        ValidationFailedException? fields = null, files = null;
        double? score = null;
        IReadOnlyList<(AttachmentUpload, string, string)> attachments = [];
        try
        {
            (score, _) = ReportInputValidation.Check(program, request);
        }
        catch (ValidationFailedException e)
        {
            fields = e;
        }
        try
        {
            attachments = ReportAttachments.Check(request.Attachments ?? [], attachmentOptions.Value);
        }
        catch (ValidationFailedException e)
        {
            files = e;
        }
        if (fields is null && files is null)
        {
            return (score, attachments);
        }
        var errors = (fields?.Errors ?? new Dictionary<string, string[]>())
            .Concat(files?.Errors ?? new Dictionary<string, string[]>())
            .ToDictionary();
        throw new ValidationFailedException((fields ?? files)!.Message, errors);
    }
}
