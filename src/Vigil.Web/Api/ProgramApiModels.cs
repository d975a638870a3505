using Vigil.Core.Programs;

namespace Vigil.Web.Api;

/// <summary>A program's policy as sent to <c>PATCH /api/programs/{slug}</c>: absent fields keep their value.</summary>
public sealed record ProgramPolicyBody(
    string? Name = null,
    List<string>? ScopeEcosystems = null,
    List<string>? ScopePackages = null,
    int? TriageBusinessDays = null,
    int? PublicationDays = null,
    string? TimeZone = null,
    List<string>? Holidays = null,
    List<int>? ReminderHours = null,
    bool? PublishAtDeadline = null,
    string? AdvisoryIdPrefix = null,
    List<string>? ReservedCveIds = null,
    bool? RequireMinimumSignal = null,
    double? MinimumSignal = null,
    int? NewReporterReportsPerDay = null)
{
    public ProgramSettings ToSettings() => new(Name, ScopeEcosystems, ScopePackages, TriageBusinessDays, PublicationDays, TimeZone,
        Holidays, ReminderHours, PublishAtDeadline, AdvisoryIdPrefix, ReservedCveIds, RequireMinimumSignal, MinimumSignal, NewReporterReportsPerDay);
}

/// <summary><c>POST /api/programs</c>: slug, name and advisory id prefix are required; the rest default to the process rules.</summary>
public sealed record CreateProgramBody(
    string? Slug = null,
    string? Name = null,
    string? AdvisoryIdPrefix = null,
    List<string>? ScopeEcosystems = null,
    List<string>? ScopePackages = null,
    int? TriageBusinessDays = null,
    int? PublicationDays = null,
    string? TimeZone = null,
    List<string>? Holidays = null,
    List<int>? ReminderHours = null,
    bool? PublishAtDeadline = null,
    List<string>? ReservedCveIds = null,
    bool? RequireMinimumSignal = null,
    double? MinimumSignal = null,
    int? NewReporterReportsPerDay = null)
{
    public ProgramSettings ToSettings() => new(Name, ScopeEcosystems, ScopePackages, TriageBusinessDays, PublicationDays, TimeZone,
        Holidays, ReminderHours, PublishAtDeadline, AdvisoryIdPrefix, ReservedCveIds, RequireMinimumSignal, MinimumSignal, NewReporterReportsPerDay);
}

/// <param name="Email">The e-mail address of a registered account.</param>
/// <param name="Role"><c>triager</c> or <c>admin</c>.</param>
public sealed record MemberBody(string? Email, string? Role);

/// <param name="Email">A contact address to invite the maintainer by.</param>
/// <param name="AccountEmail">The maintainer's account, recused from triaging the package's reports.</param>
public sealed record MaintainerBody(string? Ecosystem, string? Name, string? Email, string? AccountEmail);

public sealed record MaintainerCreatedBody(long Id);

/// <param name="Events">Event types to deliver (e.g. <c>report.received</c>); empty or absent means every event.</param>
public sealed record WebhookBody(string? Url, List<string>? Events);
