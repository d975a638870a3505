using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Vigil.Core.Errors;

namespace Vigil.Web.Operations;

/// <summary>
/// Anonymous report intake's own limit per client address (<c>Vigil:RateLimit:IntakePermitLimit</c> submissions per
/// <c>IntakeWindowSeconds</c>), far below the server-wide one: every report e-mails the program's team, so a burst of
/// them is a flood of mail. Every anonymous attempt counts, whether or not it is accepted. The JSON and multipart
/// endpoints and the form page call <see cref="Check"/>; past the limit it throws the use cases' own
/// <see cref="TooManyRequestsException"/>, so the API answers 429 with Retry-After and a problem document and the
/// page shows the form again with the message. Signed-in reporters are held by the program's daily limit instead.
/// </summary>
public sealed class ReportIntakeLimit(IOptions<RateLimitOptions> options, TimeProvider time) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.IntakePermitLimit,
            Window = TimeSpan.FromSeconds(options.Value.IntakeWindowSeconds),
            QueueLimit = 0,
        }));

    public void Check(HttpContext context)
    {
        if (!options.Value.Enabled || context.User.Identity?.IsAuthenticated == true)
        {
            return;
        }
        using var lease = _limiter.AttemptAcquire(OperationsSetup.ClientAddress(context));
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                ? retryAfter
                : TimeSpan.FromSeconds(options.Value.IntakeWindowSeconds);
            throw new TooManyRequestsException(
                $"At most {options.Value.IntakePermitLimit} reports may be submitted from one address every "
                + $"{options.Value.IntakeWindowSeconds / 60.0:0.##} minutes without an account; try again in "
                + $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds (Vigil:RateLimit:IntakePermitLimit).",
                time.GetUtcNow() + wait);
        }
    }

    public void Dispose() => _limiter.Dispose();
}

public static class ReportIntakeLimitEndpoints
{
    /// <summary>Checks <see cref="ReportIntakeLimit"/> before the handler runs.</summary>
    public static RouteHandlerBuilder RequireIntakeLimit(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter((context, next) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ReportIntakeLimit>().Check(context.HttpContext);
            return next(context);
        })
        .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
