namespace Vigil.Web.Accounts;

/// <summary>
/// Requests that send an account e-mail (registration, password reset) per client address: every one counts, known
/// address or not, so the pages cannot be used to flood a mailbox or to probe addresses quickly.
/// </summary>
public sealed class AccountMailThrottle() : AddressThrottle(RequestsPerWindow, Window)
{
    public const int RequestsPerWindow = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
}
