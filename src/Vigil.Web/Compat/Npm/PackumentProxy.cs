using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// Passes npm's packument requests through to <see cref="NpmOptions.Upstream"/>: npm needs every vulnerable
/// package's version list to print a <c>range</c> and a <c>fixAvailable</c> (docs/api.md).
/// The body streams through unchanged (npm's <c>accept</c> picks the corgi or full document; gzip stays gzip).
/// Only content negotiation and cache validators go upstream — never the caller's credentials or cookies.
/// </summary>
public sealed partial class PackumentProxy(
    IHttpClientFactory clients, IOptions<NpmOptions> options, TimeProvider time, ILogger<PackumentProxy> logger)
{
    public const string ClientName = "npm-upstream";

    private static readonly string[] RequestHeaders =
        ["Accept", "Accept-Encoding", "If-None-Match", "If-Modified-Since"];

    /// <summary>
    /// npm's name rules (validate-npm-package-name): url-safe, ≤ 214 characters, optional @scope/; old names may have
    /// capitals.
    /// </summary>
    [GeneratedRegex(@"^(?:@[A-Za-z0-9\-~*][A-Za-z0-9\-._~*]*/)?[A-Za-z0-9\-~][A-Za-z0-9\-._~]*$")]
    private static partial Regex PackageName();

    public static bool IsPackageName(string name) => name.Length <= 214 && PackageName().IsMatch(name);

    public async Task<Results<UpstreamResponse, NotFound<NpmError>, ProblemHttpResult>> GetAsync(
        string name, HttpRequest request, CancellationToken aborted)
    {
        if (!IsPackageName(name))
        {
            return TypedResults.Problem(title: "Not an npm package name",
                detail: $"'{name}' is not a valid npm package name.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (options.Value.Upstream is not { Length: > 0 } upstream)
        {
            return NpmRegistryEndpoints.NotFound();
        }
        var timeout = options.Value.UpstreamTimeout;
        var deadline = new CancellationTokenSource(timeout, time);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, aborted);
        // The registry's form of a scoped name is one path segment: @scope%2fname.
        var url = new Uri(upstream.TrimEnd('/') + "/" + name.Replace("/", "%2f", StringComparison.Ordinal));
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var header in RequestHeaders)
        {
            if (request.Headers.TryGetValue(header, out var values))
            {
                message.Headers.TryAddWithoutValidation(header, (IEnumerable<string?>)values);
            }
        }
        message.Headers.UserAgent.ParseAdd("vigil-packument-proxy");
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName)
                .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            Dispose(linked, deadline);
            LogUpstream(logger, name, "timed out");
            return TypedResults.Problem(title: "Upstream registry timed out",
                detail: $"The upstream npm registry did not answer for '{name}' within {timeout.TotalSeconds:0.###} s "
                    + "(Vigil:Npm:UpstreamTimeout).",
                statusCode: StatusCodes.Status504GatewayTimeout);
        }
        catch (HttpRequestException exception)
        {
            Dispose(linked, deadline);
            LogUpstream(logger, name, exception.Message);
            return TypedResults.Problem(title: "Upstream registry unreachable",
                detail: $"Could not reach the upstream npm registry for '{name}': {exception.Message}",
                statusCode: StatusCodes.Status502BadGateway);
        }
        catch
        {
            Dispose(linked, deadline);
            throw;
        }
        var status = (int)response.StatusCode;
        if (status is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
        {
            return new UpstreamResponse(response, linked, deadline, logger);
        }
        response.Dispose();
        Dispose(linked, deadline);
        if (status == StatusCodes.Status404NotFound)
        {
            return NpmRegistryEndpoints.NotFound();
        }
        LogUpstream(logger, name, $"status {status}");
        return TypedResults.Problem(title: "Upstream registry error",
            detail: $"The upstream npm registry answered {status} for '{name}'.",
                statusCode: StatusCodes.Status502BadGateway);
    }

    private static void Dispose(params IDisposable[] disposables)
    {
        foreach (var disposable in disposables)
        {
            disposable.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "npm packument {Name}: upstream {Outcome}")]
    internal static partial void LogUpstream(ILogger logger, string name, string outcome);
}
