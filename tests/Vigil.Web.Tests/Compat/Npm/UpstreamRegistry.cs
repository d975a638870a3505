using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// A second, independent HTTP server on a loopback port that answers like an npm registry: packuments for
/// minimist and mkdirp (their real version lists and dependency specs; dist fields point back at it), 404 for
/// other names, and on demand a 500 or a request that never answers. It records what Vigil sent it.
/// </summary>
public sealed class UpstreamRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;

    private UpstreamRegistry(WebApplication app) => _app = app;

    public string Url => LoopbackHttp.Root(_app);

    public ConcurrentQueue<HttpRequestLog> Requests { get; } = new();

    /// <summary>Set when a request for a <c>hang-*</c> name arrived (it then waits until the caller gives
    /// up).</summary>
    public TaskCompletionSource Hung { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<UpstreamRegistry> StartAsync(CancellationToken cancellationToken)
    {
        var app = LoopbackHttp.Create();
        var registry = new UpstreamRegistry(app);
        app.MapGet("/{name}", registry.ServeAsync);
        await app.StartAsync(cancellationToken);
        return registry;
    }

    private async Task<IResult> ServeAsync(string name, HttpContext context)
    {
        Requests.Enqueue(new HttpRequestLog(context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString())));
        if (name.StartsWith("hang-", StringComparison.Ordinal))
        {
            Hung.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Empty;
        }
        if (name == "broken")
        {
            return Results.Text("upstream trouble", statusCode: 500);
        }
        var packument = Packument(Uri.UnescapeDataString(name));
        if (packument is null)
        {
            return Results.Json(new { error = "Not found" }, statusCode: 404);
        }
        context.Response.Headers.ETag = "\"" + Hash(packument) + "\"";
        context.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Text(packument, "application/json", Encoding.UTF8);
    }

    public string? Packument(string name) => name switch
    {
        "minimist" => Build(name, "1.2.8", [
            "0.0.0", "0.0.1", "0.0.2", "0.0.3", "0.0.4", "0.0.5", "0.0.6", "0.0.7", "0.0.8", "0.0.9", "0.0.10", "0.1.0",
            "0.2.0", "0.2.1", "0.2.2", "0.2.3", "0.2.4", "1.0.0", "1.1.0", "1.1.1", "1.1.2", "1.1.3", "1.2.0", "1.2.1",
            "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.2.6", "1.2.7", "1.2.8"], _ => null),
        "mkdirp" => Build(name, "3.0.1", [
            "0.0.1", "0.0.2", "0.0.3", "0.0.4", "0.0.5", "0.0.6", "0.0.7", "0.1.0", "0.2.0", "0.2.1", "0.2.2", "0.3.0",
            "0.3.1", "0.3.2", "0.3.3", "0.3.4", "0.3.5", "0.4.0", "0.4.1", "0.4.2", "0.5.0", "0.5.1", "0.5.2", "0.5.3",
            "0.5.4", "0.5.5", "0.5.6", "1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4", "2.0.0", "2.1.0", "2.1.1", "2.1.2",
            "2.1.3", "2.1.4", "2.1.5", "2.1.6", "3.0.0", "3.0.1"], MkdirpDependencies),
        _ => null,
    };

    // mkdirp 0.4.1-0.5.1 pinned minimist 0.0.8; 0.5.2-0.5.5 moved to ^1.2.5, 0.5.6 to ^1.2.6; 1.x dropped it.
    private static string? MkdirpDependencies(string version) => version switch
    {
        "0.4.1" or "0.4.2" or "0.5.0" or "0.5.1" => "0.0.8",
        "0.5.2" or "0.5.3" or "0.5.4" or "0.5.5" => "^1.2.5",
        "0.5.6" => "^1.2.6",
        _ => null,
    };

    private string Build(string name, string latest, string[] versions, Func<string, string?> minimist)
    {
        var versionObjects = new JsonObject();
        var time = new JsonObject
        {
            ["created"] = "2013-06-25T08:00:00.000Z",
            ["modified"] = "2024-01-01T00:00:00.000Z"
        };
        var day = new DateTime(2013, 6, 25, 8, 0, 0, DateTimeKind.Utc);
        foreach (var version in versions)
        {
            var manifest = new JsonObject
            {
                ["name"] = name,
                ["version"] = version,
                ["license"] = "MIT",
                ["main"] = "index.js",
                ["dist"] = new JsonObject
                {
                    ["tarball"] = $"{Url}/{name}/-/{name}-{version}.tgz",
                    ["shasum"] = Hash(name + "@" + version),
                },
            };
            if (minimist(version) is { } spec)
            {
                manifest["dependencies"] = new JsonObject { ["minimist"] = spec };
            }
            versionObjects[version] = manifest;
            day = day.AddDays(30);
            time[version] = day.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
                System.Globalization.CultureInfo.InvariantCulture);
        }
        return new JsonObject
        {
            ["_id"] = name,
            ["name"] = name,
            ["dist-tags"] = new JsonObject { ["latest"] = latest },
            ["versions"] = versionObjects,
            ["time"] = time,
            ["license"] = "MIT",
        }.ToJsonString();
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

public sealed record HttpRequestLog(string Path, IReadOnlyDictionary<string, string> Headers);
