using System.Threading.RateLimiting;

namespace Vigil.Web.Accounts;

/// <summary>
/// Counts events per client address in a sliding window; past the limit, that address may not try again until
/// the window slides on. Behind a reverse proxy, set <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> so the
/// address is the client's.
/// </summary>
public abstract class AddressThrottle(int permitsPerWindow, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _events = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetSlidingWindowLimiter(address, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permitsPerWindow,
            Window = window,
            SegmentsPerWindow = 15,
            QueueLimit = 0,
        }));

    /// <summary>When the address may not try: answers 429 with <c>Retry-After</c> and returns true.</summary>
    public bool Refuses(HttpContext context)
    {
        using var lease = _events.AttemptAcquire(Address(context), 0);
        if (lease.IsAcquired)
        {
            return false;
        }
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Operations.RetryAfter.Set(
            context.Response, lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window);
        return true;
    }

    /// <summary>Counts one event of the address.</summary>
    public void Count(HttpContext context) => _events.AttemptAcquire(Address(context), 1).Dispose();

    public void Dispose()
    {
        _events.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
