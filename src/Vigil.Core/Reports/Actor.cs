namespace Vigil.Core.Reports;

public enum ActorKind
{
    /// <summary>Nobody signed in and no follow-up token: may only submit.</summary>
    Anonymous = 0,
    /// <summary>A signed-in account (cookie or API token).</summary>
    User = 1,
    /// <summary>The holder of a report's secret follow-up token: the anonymous reporter of that one report.</summary>
    FollowUpToken = 2,
    /// <summary>Vigil itself: the clock.</summary>
    System = 3,
}

/// <summary>
/// Who is acting. <see cref="IsInstanceAdmin"/> comes from the account (instance administrators see every
/// program). A follow-up token is carried as given and checked against the one report it is used on
/// (<see cref="ReportAccess"/>); its <see cref="ToString"/> never shows it.
/// </summary>
/// <param name="TwoFactor">
/// Whether the account proved a second factor (a TOTP sign-in, or a token of an account with two-factor on).
/// Team powers need it (team members must use two-factor: docs/accounts.md); in-process callers (the CLI) are trusted.
/// </param>
/// <param name="MailReporterOf">
/// The anonymous reporter of this one report, proved by a reply address of theirs instead of the follow-up token
/// (docs/email.md); acts as <see cref="ActorKind.FollowUpToken"/> would, on that report only.
/// </param>
public sealed record Actor(
    ActorKind Kind, Guid? UserId = null, bool IsInstanceAdmin = false, string? FollowUpToken = null,
    bool TwoFactor = true,
    long? MailReporterOf = null)
{
    public static readonly Actor Anonymous = new(ActorKind.Anonymous);
    public static readonly Actor System = new(ActorKind.System);

    public static Actor User(Guid userId, bool isInstanceAdmin = false, bool twoFactor = true) =>
        new(ActorKind.User, userId, isInstanceAdmin, TwoFactor: twoFactor);

    public static Actor FollowUp(string token) => new(ActorKind.FollowUpToken, FollowUpToken: token);

    public static Actor ReporterByMail(long reportId) => new(ActorKind.FollowUpToken, MailReporterOf: reportId);

    public override string ToString() => Kind == ActorKind.User ? $"user {UserId}" : Kind.ToString();
}
