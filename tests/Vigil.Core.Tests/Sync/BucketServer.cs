using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Vigil.Core.Tests.Sync;

/// <summary>What the server does to the next request for a path instead of answering it properly.</summary>
internal enum Fault
{
    /// <summary>503 Service Unavailable.</summary>
    ServerError,

    /// <summary>Half the body is sent under the full Content-Length, then the connection is cut.</summary>
    DropMidBody,

    /// <summary>A 200 whose body is the first half of the file with a matching Content-Length: a truncated file served
    /// "successfully".</summary>
    Truncated,
}

/// <summary>
/// Serves a <see cref="TestBucket"/> from Kestrel on a loopback port, as an HTTP bucket does: strong ETags,
/// Last-Modified and 304 answers to conditional GETs. Faults are queued per path and consumed in order;
/// every request is logged so tests can see what a run fetched.
/// </summary>
internal sealed class BucketServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _faults = new(StringComparer.Ordinal);

    private BucketServer(WebApplication app, TestBucket bucket)
    {
        _app = app;
        Bucket = bucket;
    }

    public TestBucket Bucket { get; }

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<BucketServer> StartAsync(TestBucket bucket)
    {
        var app = LoopbackHttp.Create();
        var server = new BucketServer(app, bucket);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single() + "/osv";
        return server;
    }

    public void Inject(string path, params Fault[] faults)
    {
        var queue = _faults.GetOrAdd(path, _ => new ConcurrentQueue<Fault>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    /// <summary>Requests for files other than the listing and the zip, i.e. single records fetched.</summary>
    public IReadOnlyList<string> RecordRequests() =>
        Requests.Where(r => r.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    private async Task HandleAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value!.TrimStart('/'));
        if (!path.StartsWith("osv/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }
        path = path["osv/".Length..];
        Requests.Enqueue(path);
        if (!Bucket.Files.TryGetValue(path, out var bytes))
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (_faults.TryGetValue(path, out var queue) && queue.TryDequeue(out var fault))
        {
            await FailAsync(context, fault, bytes);
            return;
        }
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(bytes))[..16] + "\"";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            context.Response.StatusCode = 304;
            return;
        }
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    private static async Task FailAsync(HttpContext context, Fault fault, byte[] bytes)
    {
        switch (fault)
        {
            case Fault.ServerError:
                context.Response.StatusCode = 503;
                return;
            case Fault.DropMidBody:
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            default:
                context.Response.ContentLength = bytes.Length / 2;
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
