using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Vigil.Web.Operations;

/// <summary>
/// What every request goes through, whatever the feature: logs, problem documents, security headers, compression,
/// rate limits and body limits. Feature endpoints stay free of it.
/// </summary>
public static class OperationsSetup
{
    public static WebApplicationBuilder AddVigilOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LimitsOptions>()
            .BindConfiguration(LimitsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<CompressionOptions>().BindConfiguration(CompressionOptions.Section);

        builder.AddRequestLogging();
        services.AddKeyRing();
        // First writer that can: osv.dev's shape under /v1/, then the default RFC 9457 writer.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, OsvProblemWriter>());
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.Customize);
        services.AddExceptionHandler<UseCaseExceptionHandler>();
        services.AddOpenApi(options => options.AddOperationTransformer<StandardErrorResponses>());

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, limits) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(limits.Value.RequestHeadersTimeoutSeconds);
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(
                limits.Value.MinRequestBodyBytesPerSecond,
                TimeSpan.FromSeconds(limits.Value.MinRequestBodyGraceSeconds));
        });
        // SecurityHeaders sends X-Frame-Options: DENY on every answer; antiforgery's own SAMEORIGIN would
        // contradict it.
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        services.AddRequestDecompression();
        services.AddResponseCompression();
        services.AddOptions<ResponseCompressionOptions>()
            .Configure<IOptions<CompressionOptions>>((options, compression) =>
            {
                options.EnableForHttps = compression.Value.EnableForHttps;
                options.Providers.Add<BrotliCompressionProvider>();
                options.Providers.Add<GzipCompressionProvider>();
                options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes,
                    "application/problem+json", "application/atom+xml", "application/rss+xml", "image/svg+xml"];
            });
        services.AddSingleton<ReportIntakeLimit>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limit) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => limit.Value.Enabled
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ =>
                    new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limit.Value.PermitLimit,
                        Window = TimeSpan.FromSeconds(limit.Value.WindowSeconds),
                        QueueLimit = 0,
                    })
                : RateLimitPartition.GetNoLimiter(""));
            // The body is left empty: the status-code pages write the problem document (OSV shape under /v1/).
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    RetryAfter.Set(context.HttpContext.Response, retryAfter);
                }
                return ValueTask.CompletedTask;
            };
        });
        return builder;
    }

    /// <summary>The middleware, outermost first. Call before mapping endpoints.</summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        app.UseHttpLogging();
        app.UseSecurityHeaders();
        app.UseHsts(); // only answers https requests, never for localhost
        if (app.Services.GetRequiredService<IOptions<CompressionOptions>>().Value.Enabled)
        {
            app.UseResponseCompression(); // outside the error pages, so problem documents are compressed too
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseRequestBodyLimits();
        app.UseRequestDecompression();
        app.UseDecompressedBodyCap();
        return app;
    }

    // Behind a reverse proxy, set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true so this is the client's address.
    internal static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
