namespace Vigil.Web.Pages.Account;

/// <summary>Wording shared by the account pages.</summary>
internal static class AccountPages
{
    public const string TooManyRequests = "Too many requests from your network: wait a few minutes and try again.";

    public const string NoMail = "This instance sends no e-mail (its administrator has not set up an SMTP server), "
        + "so no message will arrive: ask the administrator to confirm your account or to give you a link to set "
        + "your password (vigil admin user confirm / reset-link).";
}
