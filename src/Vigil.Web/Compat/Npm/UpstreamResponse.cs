namespace Vigil.Web.Compat.Npm;

/// <summary>
/// The upstream's answer, streamed to the caller under the same deadline. If the deadline passes or the
/// upstream breaks off mid-body, the connection is aborted: npm then sees a failed request, not a truncated
/// packument it would take as complete.
/// </summary>
public sealed class UpstreamResponse(
    HttpResponseMessage response, CancellationTokenSource token, CancellationTokenSource deadline, ILogger logger)
        : IResult
{
    private static readonly string[] ResponseHeaders = ["ETag", "Last-Modified", "Cache-Control", "Vary"];

    public int StatusCode => (int)response.StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (response)
        using (token)
        using (deadline)
        {
            var target = httpContext.Response;
            target.StatusCode = StatusCode;
            foreach (var name in ResponseHeaders)
            {
                if (response.Headers.TryGetValues(name, out var values))
                {
                    target.Headers[name] = values.ToArray();
                }
            }
            var content = response.Content.Headers;
            if (content.ContentType is { } type)
            {
                target.ContentType = type.ToString();
            }
            if (content.ContentEncoding.Count > 0)
            {
                target.Headers.ContentEncoding = content.ContentEncoding.ToArray();
            }
            target.ContentLength = content.ContentLength;
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(token.Token);
                await body.CopyToAsync(target.Body, token.Token);
            }
            catch (Exception exception)
                when (exception is OperationCanceledException or HttpRequestException or IOException)
            {
                PackumentProxy.LogUpstream(logger, httpContext.Request.Path, "broke off: " + exception.Message);
                httpContext.Abort();
            }
        }
    }
}
