namespace Vigil.Core.Programs;

/// <summary>
/// A disclosure program (e.g. "npm ecosystem", "Node.js core"): its scope, its team and its policy.
/// Lists are stored as JSON text so SQLite and PostgreSQL share one model.
/// </summary>
public sealed class ProgramEntity
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary>Ecosystems in scope (e.g. <c>npm</c>); empty means "any ecosystem of the packages below".</summary>
    public List<string> ScopeEcosystems { get; set; } = [];

    /// <summary>Packages in scope as <c>ecosystem/name</c>; empty means "every package of the scope's
    /// ecosystems".</summary>
    public List<string> ScopePackages { get; set; } = [];

    public int TriageBusinessDays { get; set; } = ProgramPolicy.DefaultTriageBusinessDays;
    public int PublicationDays { get; set; } = ProgramPolicy.DefaultPublicationDays;

    /// <summary>IANA time zone id (e.g. <c>Europe/Berlin</c>) in which business days are counted.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Holidays as ISO dates (<c>2026-12-25</c>), in the program's time zone.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Reminders before a deadline, in hours (e.g. 24 and 4).</summary>
    public List<int> ReminderHours { get; set; } = [24];

    /// <summary>
    /// Reminders to the maintainers of a report they have not answered (<see cref="Reports.MaintainerAnswers"/>), this
    /// many business days after they were notified.
    /// </summary>
    public List<int> MaintainerReminderBusinessDays { get; set; } =
        [.. ProgramPolicy.DefaultMaintainerReminderBusinessDays];

    /// <summary>The escalation to the program's admins when the maintainers still have not answered, this many business
    /// days after they were notified; 0: none.</summary>
    public int MaintainerEscalationBusinessDays { get; set; } = ProgramPolicy.DefaultMaintainerEscalationBusinessDays;

    /// <summary>What the clock does at the publication deadline: publish, or flag the report for the team.</summary>
    public bool PublishAtDeadline { get; set; } = true;

    /// <summary>
    /// Intake refuses a report whose proof of concept has not the form of one (<see cref="Reports.ProofOfConcept"/>):
    /// a runnable snippet or steps to reproduce.
    /// </summary>
    public bool RequireProofOfConcept { get; set; }

    public required string AdvisoryIdPrefix { get; set; }

    /// <summary>A block of CVE ids reserved by the program's CNA, handed out in order.</summary>
    public List<string> ReservedCveIds { get; set; } = [];

    /// <summary>
    /// Reputation (docs/community.md): reports from an account whose signal is below this (or without a signal yet, or
    /// anonymous) are held for the team's review before they join the queue; null: no review step.
    /// </summary>
    public double? MinimumSignal { get; set; }

    /// <summary>How many reports a new reporter (fewer than <see cref="ProgramPolicy.NewReporterOutcomes"/> reports
    /// with an outcome) may submit here per 24 hours; 0: no limit.</summary>
    public int NewReporterReportsPerDay { get; set; } = ProgramPolicy.DefaultNewReporterReportsPerDay;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A member of a program's team. Team members triage; admins also manage the program.</summary>
public sealed class ProgramMemberEntity
{
    public long Id { get; set; }
    public long ProgramId { get; set; }
    public Guid UserId { get; set; }
    public ProgramRole Role { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

public enum ProgramRole
{
    Triager = 1,
    Admin = 2,
}

/// <summary>
/// Someone who maintains a package: the contact the triager invites, and (with a user id) the account that
/// is recused from triaging reports about the package (four-eyes). The e-mail is a contact address, not
/// report content, so it is stored in clear; it is never shown publicly.
/// </summary>
/// <remarks>
/// A record belongs to one program (<see cref="ProgramId"/>): only that program's admins add, list and remove
/// it, and only that program's recusal reads it, so one program's admin can neither recuse nor un-recuse
/// another program's team. A record without a program is an instance-wide account link, made by the instance
/// administrator on the command line: "this account maintains npm/left-pad" recuses the account in every program.
/// </remarks>
public sealed class PackageMaintainerEntity
{
    public long Id { get; set; }

    /// <summary>The program whose admins recorded this maintainer; null: an instance-wide account link.</summary>
    public long? ProgramId { get; set; }
    public required string Ecosystem { get; set; }
    public required string Name { get; set; }
    public Guid? UserId { get; set; }
    public string? Email { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
