using System.Net;

namespace Vigil.Core.Notifications;

/// <summary>The account e-mails. Like <see cref="NotificationFacts"/>, the only free part is a link Vigil
/// made.</summary>
public enum AccountMailKind
{
    /// <summary>A new registration: the link confirms the address.</summary>
    ConfirmEmail,

    /// <summary>A registration for an address that has an account: nothing was created; how to sign in or
    /// reset.</summary>
    AlreadyRegistered,

    /// <summary>A password reset was asked for an account: the link sets a new password.</summary>
    ResetPassword,

    /// <summary>A password reset was asked for an address without an account.</summary>
    NoAccount,
}

/// <summary>What an account e-mail says: its kind and a link (a confirmation or reset link, or the site's own
/// pages).</summary>
public sealed record AccountMail(AccountMailKind Kind, Uri Link)
{
    public string EventType => Kind switch
    {
        AccountMailKind.ConfirmEmail => "account.confirm_email",
        AccountMailKind.AlreadyRegistered => "account.already_registered",
        AccountMailKind.ResetPassword => "account.reset_password",
        _ => "account.no_account",
    };

    public RenderedNotification Render()
    {
        var (subject, line, action) = Kind switch
        {
            AccountMailKind.ConfirmEmail => ("Confirm your e-mail address",
                "Someone, probably you, created a Vigil account with this address. To finish, open the link and enter "
                + "the password chosen at registration (it works for 24 hours). If it was not you, ignore this "
                + "message: the account cannot be used without this link.",
                "Confirm the address"),
            AccountMailKind.AlreadyRegistered => ("Someone tried to register with your address",
                "Someone, probably you, tried to create a Vigil account with this address, which already has one: "
                + "nothing was changed. Sign in with your password, or, if you forgot it, ask for a new one at the "
                + "link. If it was not you, ignore this message.",
                "Sign in or reset the password"),
            AccountMailKind.ResetPassword => ("Set a new password",
                "Someone, probably you, asked for a new Vigil password for this address. Open the link to choose one "
                + "(it works once, for one hour); it also signs out every other session. If it was not you, ignore "
                + "this message: your password is unchanged.",
                "Choose a new password"),
            _ => ("No account for this address",
                "Someone, probably you, asked for a new Vigil password for this address, but it has no account. If you "
                + "meant to create one, register at the link. If it was not you, ignore this message.",
                "Register"),
        };
        var link = Link.AbsoluteUri;
        var text = $"{line}\n\n{action}: {link}\n";
        var html =
            $"<p>{WebUtility.HtmlEncode(line)}</p>\n<p><a "
            + $"href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(action)}</a></p>\n";
        return new RenderedNotification(subject, text, html);
    }
}
