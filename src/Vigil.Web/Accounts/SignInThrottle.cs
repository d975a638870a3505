using System.Threading.RateLimiting;

namespace Vigil.Web.Accounts;

/// <summary>
/// Failed sign-ins per client address: past <see cref="FailuresPerWindow"/> wrong passwords or codes from one
/// address in <see cref="Window"/>, that address may not try again until the window slides on, whichever accounts
/// it tries. The per-account lockout stops a guesser on one account; this stops one spraying many. Successful
/// sign-ins cost nothing.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const int FailuresPerWindow = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetSlidingWindowLimiter(address, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = FailuresPerWindow,
            Window = Window,
            SegmentsPerWindow = 15,
            QueueLimit = 0,
        }));

    /// <summary>Whether the address may try; when not, how long until it may.</summary>
    private bool MayTry(HttpContext context, out TimeSpan retryAfter)
    {
        using var lease = _failures.AttemptAcquire(Address(context), 0);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
        return lease.IsAcquired;
    }

    /// <summary>When the address may not try: answers 429 with <c>Retry-After</c> and returns true.</summary>
    public bool Refuses(HttpContext context)
    {
        if (MayTry(context, out var retryAfter))
        {
            return false;
        }
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Operations.RetryAfter.Set(context.Response, retryAfter);
        return true;
    }

    public void Failed(HttpContext context) => _failures.AttemptAcquire(Address(context), 1).Dispose();

    public void Dispose() => _failures.Dispose();

    // Behind a reverse proxy, set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true so this is the client's address.
    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
