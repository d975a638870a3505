using Vigil.Core.Profiles;
using Vigil.Core.Reputation;

namespace Vigil.Web.Profiles;

/// <summary>Reporter profiles and reputation (docs/community.md).</summary>
public static class ProfilesSetup
{
    public static IServiceCollection AddVigilProfiles(this IServiceCollection services)
    {
        services.AddScoped<IBountyAwardedReports, Vigil.Core.Bounties.BountyAwardedReports>();
        services.AddScoped<GetReporterProfile>();
        services.AddScoped<SetProfileHandle>();
        return services;
    }
}
