using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;

namespace Vigil.Core.Sync;

/// <summary>
/// A bucket over HTTP(S). Retries come from Polly (exponential backoff with jitter, on the injected clock)
/// rather than a hand-written loop: it is the retry library the .NET ecosystem maintains. A retry repeats
/// the whole GET including the body, so a connection dropped halfway (a truncated body throws while it is
/// read) is fetched again from the start.
/// </summary>
internal sealed class HttpOsvBucket : IOsvBucket
{
    private readonly Uri _base;
    private readonly HttpClient _client;
    private readonly ResiliencePipeline _retry;

    public HttpOsvBucket(Uri baseUri, SyncOptions options, TimeProvider time)
    {
        _base = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        _client = new HttpClient();
        _client.Timeout = options.RequestTimeout;
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("vigil-sync", "1"));
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.RetryDelay > TimeSpan.Zero,
                ShouldHandle = args =>
                    ValueTask.FromResult(IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
            })
            .Build();
    }

    public string Describe(string path) => new Uri(_base, path).AbsoluteUri;

    public async Task<BucketFetch> GetAsync(
        string path, BucketValidators? ifChanged, Func<Stream, long?, CancellationToken, Task> read,
        CancellationToken cancellationToken)
    {
        var url = new Uri(_base, path);
        return await _retry.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (ifChanged?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }
            else if (ifChanged?.LastModified is { } since)
            {
                request.Headers.IfModifiedSince = since;
            }
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            var validators = new BucketValidators(
                response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
            switch (response.StatusCode)
            {
                case HttpStatusCode.NotModified:
                    return new BucketFetch(BucketStatus.NotModified, ifChanged ?? validators);
                case HttpStatusCode.NotFound or HttpStatusCode.Gone:
                    return new BucketFetch(BucketStatus.NotFound, validators);
                case HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                    or >= HttpStatusCode.InternalServerError:
                    throw new BucketTransientException(
                        $"{url.AbsoluteUri}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
                case < HttpStatusCode.OK or >= HttpStatusCode.MultipleChoices:
                    throw new SyncFailedException(
                        $"{url.AbsoluteUri}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            await using var body = await response.Content.ReadAsStreamAsync(token);
            await read(body, response.Content.Headers.ContentLength, token);
            return new BucketFetch(BucketStatus.Ok, validators);
        }, cancellationToken);
    }

    private static bool IsTransient(Exception? exception, CancellationToken cancellationToken) => exception switch
    {
        BucketTransientException or HttpRequestException or IOException => true,
        // HttpClient's own timeout, not the caller's cancellation.
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    public void Dispose() => _client.Dispose();
}
