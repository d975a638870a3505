namespace Vigil.Web.Pages.Account;

/// <summary>
/// What the "Confirm it's you" form (<c>_ConfirmIdentity</c>) says: why it is asked, and the last attempt's problem.
/// </summary>
public sealed record ConfirmIdentityForm(string Why, bool OffersCode, string? Problem);
