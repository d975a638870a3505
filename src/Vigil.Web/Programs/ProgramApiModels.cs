using Vigil.Core.Programs;

namespace Vigil.Web.Programs;

/// <summary>
/// A program's policy as sent to the API: to <c>PATCH /api/programs/{slug}</c> absent fields keep their value; to
/// <c>POST /api/programs</c> (<see cref="CreateProgramBody"/>) they take the process rules' defaults.
/// </summary>
public record ProgramPolicyBody
{
    public string? Name { get; init; }
    public List<string>? ScopeEcosystems { get; init; }
    public List<string>? ScopePackages { get; init; }
    public int? TriageBusinessDays { get; init; }
    public int? PublicationDays { get; init; }
    public string? TimeZone { get; init; }
    public List<string>? Holidays { get; init; }
    public List<int>? ReminderHours { get; init; }
    public bool? PublishAtDeadline { get; init; }
    public string? AdvisoryIdPrefix { get; init; }
    public List<string>? ReservedCveIds { get; init; }
    public bool? RequireMinimumSignal { get; init; }
    public double? MinimumSignal { get; init; }
    public int? NewReporterReportsPerDay { get; init; }
    public List<int>? MaintainerReminderBusinessDays { get; init; }
    public int? MaintainerEscalationBusinessDays { get; init; }
    public bool? RequireProofOfConcept { get; init; }

    public ProgramSettings ToSettings() =>
        new(Name, ScopeEcosystems, ScopePackages, TriageBusinessDays, PublicationDays, TimeZone,
            Holidays, ReminderHours, PublishAtDeadline, AdvisoryIdPrefix, ReservedCveIds, RequireMinimumSignal,
            MinimumSignal, NewReporterReportsPerDay, MaintainerReminderBusinessDays, MaintainerEscalationBusinessDays,
            RequireProofOfConcept);
}

/// <summary>
/// <c>POST /api/programs</c>: the policy and the slug; slug, name and advisory id prefix are required.
/// </summary>
public sealed record CreateProgramBody : ProgramPolicyBody
{
    public string? Slug { get; init; }
}

/// <param name="Email">The e-mail address of a registered account.</param>
/// <param name="Role"><c>triager</c> or <c>admin</c>.</param>
public sealed record MemberBody(string? Email, string? Role);

/// <param name="Email">A contact address to invite the maintainer by.</param>
/// <param name="AccountEmail">The maintainer's account, recused from triaging the package's reports.</param>
public sealed record MaintainerBody(string? Ecosystem, string? Name, string? Email, string? AccountEmail);

public sealed record MaintainerCreatedBody(long Id);

/// <param name="Events">Event types to deliver (e.g. <c>report.received</c>); empty or absent means every
/// event.</param>
public sealed record WebhookBody(string? Url, List<string>? Events);

/// <param name="Addresses">
/// Every address the program takes reports at by e-mail (docs/email.md); the list replaces the current one.
/// </param>
public sealed record IntakeAddressesBody(IReadOnlyList<string>? Addresses);

/// <param name="SecretKey">
/// The program's ASCII-armored OpenPGP secret key with an encryption subkey (docs/email.md); sealed at rest, never
/// returned.
/// </param>
/// <param name="Passphrase">What unlocks the secret key, if it is protected.</param>
public sealed record OpenPgpKeyBody(string? SecretKey, string? Passphrase);
