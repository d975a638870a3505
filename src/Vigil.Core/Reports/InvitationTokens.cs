using Vigil.Core.Security;

namespace Vigil.Core.Reports;

/// <summary>A maintainer invitation's secret: <c>vin_</c> + 256 random bits; stored as SHA-256
/// (<see cref="FollowUpTokens.Hash"/>), single use.</summary>
public static class InvitationTokens
{
    public const string Prefix = "vin_";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public static (string Token, byte[] Hash) Create()
    {
        var token = RandomTokens.Create(Prefix);
        return (token, FollowUpTokens.Hash(token));
    }
}
