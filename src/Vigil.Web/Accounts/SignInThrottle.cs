namespace Vigil.Web.Accounts;

/// <summary>
/// Failed sign-ins per client address: past <see cref="FailuresPerWindow"/> wrong passwords, codes or links from
/// one address in <see cref="Window"/>, that address may not try again until the window slides on, whichever
/// accounts it tries. The per-account lockout stops a guesser on one account; this stops one spraying many.
/// Successful sign-ins cost nothing.
/// </summary>
public sealed class SignInThrottle() : AddressThrottle(FailuresPerWindow, Window)
{
    public const int FailuresPerWindow = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public void Failed(HttpContext context) => Count(context);
}
