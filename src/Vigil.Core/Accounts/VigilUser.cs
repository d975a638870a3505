using Microsoft.AspNetCore.Identity;

namespace Vigil.Core.Accounts;

/// <summary>An account (ASP.NET Core Identity, Guid keys): a reporter, a maintainer, a team member or an
/// administrator.</summary>
public sealed class VigilUser : IdentityUser<Guid>
{
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>An instance administrator: sees and manages every program.</summary>
    public bool IsInstanceAdmin { get; set; }

    /// <summary>
    /// The name of the account's public reporter profile (<c>/reporters/{handle}</c>); null: no public profile.
    /// Chosen by the account, unique, never its e-mail.
    /// </summary>
    public string? ProfileHandle { get; set; }
}
