using System.Net;

namespace Vigil.Web.Compat.Npm;

public static class NpmSetup
{
    /// <summary>The npm registry's options (<c>Vigil:Npm</c>) and the packument proxy with its HTTP client.</summary>
    public static IServiceCollection AddVigilNpm(this IServiceCollection services)
    {
        services.AddOptions<NpmOptions>()
            .BindConfiguration(NpmOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<PackumentProxy>();
        // Bytes pass through as the upstream encoded them (no decompression); redirects are not followed, so
        // the upstream cannot point Vigil at another host. The deadline is PackumentProxy's, on TimeProvider.
        services.AddHttpClient(PackumentProxy.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.None,
                AllowAutoRedirect = false,
                UseCookies = false,
            });
        return services;
    }
}
