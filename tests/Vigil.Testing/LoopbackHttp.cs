using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Vigil.Testing;

/// <summary>
/// Small real HTTP servers for tests (a registry, a bucket, a webhook receiver): Kestrel on 127.0.0.1 with a port
/// the system picks, so two tests never race for one, and no log output.
/// </summary>
public static class LoopbackHttp
{
    /// <summary>A built app, not yet started: map its endpoints, then <c>StartAsync</c>.</summary>
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>The started app's address without a trailing slash, e.g. http://127.0.0.1:41234.</summary>
    public static string Root(WebApplication app) => app.Urls.Single().TrimEnd('/');
}
