namespace Vigil.Core.Reports;

/// <summary>
/// Who hears about report events. The server queues e-mails and webhooks (<see cref="ReportNotifier"/>); a host that
/// sends nothing uses <see cref="SilentReportNotifier"/>. Every use case that tells someone takes one, so none has to
/// ask whether it may notify.
/// </summary>
public interface IReportNotifier
{
    /// <summary>Queues the notifications of a report event in the caller's unit of work.</summary>
    Task QueueAsync(
        ReportEntity report, string eventType, Audience audience, ReportContent? content, DateTimeOffset? deadline,
        CancellationToken cancellationToken);

    /// <summary>Queues the invitation e-mail to one new participant (saved already); <paramref name="token"/> is an
    /// e-mail invitation's secret.</summary>
    Task QueueInvitationAsync(
        ReportEntity report, ReportParticipantEntity participant, string? token, CancellationToken cancellationToken);
}

/// <summary>The notifier of a host that sends nothing (the command line, tests of other concerns): every event is
/// dropped.</summary>
public sealed class SilentReportNotifier : IReportNotifier
{
    public static readonly SilentReportNotifier Instance = new();

    public Task QueueAsync(
        ReportEntity report,
        string eventType,
        Audience audience,
        ReportContent? content,
        DateTimeOffset? deadline,
        CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task QueueInvitationAsync(
        ReportEntity report, ReportParticipantEntity participant, string? token, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
