using Vigil.Core.Community;

namespace Vigil.Web.Community;

/// <summary>Issue 5's community side: SECURITY.md, badges, security.txt, responsiveness metrics.</summary>
public static class CommunitySetup
{
    public static IServiceCollection AddVigilCommunity(this IServiceCollection services)
    {
        services.AddOptions<CommunityOptions>().BindConfiguration(CommunityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecurityTxtOptions>().BindConfiguration(SecurityTxtOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<GetSecurityPolicy>();
        services.AddScoped<GetPackageBadges>();
        services.AddScoped<GetProgramMetrics>();
        return services;
    }
}
