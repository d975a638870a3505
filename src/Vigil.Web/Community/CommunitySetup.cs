using Vigil.Core.Community;

namespace Vigil.Web.Community;

/// <summary>
/// The community side (docs/community.md): SECURITY.md, badges, security.txt, responsiveness metrics.
/// </summary>
public static class CommunitySetup
{
    public static IServiceCollection AddVigilCommunity(this IServiceCollection services)
    {
        services.AddOptions<CommunityOptions>()
            .BindConfiguration(CommunityOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SecurityTxtOptions>()
            .BindConfiguration(SecurityTxtOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The signing key is loaded when the server starts: a wrong file or passphrase stops it with the reason.
        services.AddSingleton<SecurityTxtSigner>();
        services.AddHostedService<SecurityTxtSignerCheck>();
        return services;
    }
}

/// <summary>
/// Resolves the security.txt signer at start-up, so a key that cannot be used stops the server with its message.
/// </summary>
internal sealed class SecurityTxtSignerCheck(SecurityTxtSigner signer, ILogger<SecurityTxtSignerCheck> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (signer.Enabled)
        {
            logger.LogInformation("security.txt is served with an OpenPGP signature");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
