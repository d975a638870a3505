using Vigil.Core.Reports;

namespace Vigil.Core.Bounties;

/// <summary>
/// An award's reason is private team text: it is sealed at rest like the report's own text, under the report's
/// data key (<see cref="ReportVault"/>), so rotating the master key covers it without touching it. Stored as
/// <c>sealed:</c> + base64 in the existing column; a reason written in clear by an older version reads as is.
/// </summary>
public static class BountyReason
{
    private const string Prefix = "sealed:";
    private const string Purpose = "vigil:bounty-reason:v1";

    public static string? Seal(ReportVault vault, byte[] wrappedKey, string? reason) =>
        reason is null
            ? null
            : Prefix + Convert.ToBase64String(ReportVault.Seal(vault.Unwrap(wrappedKey), reason, Purpose));

    public static string? Open(ReportVault vault, byte[] wrappedKey, string? stored) =>
        stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal)
            ? stored
            : ReportVault.Open(vault.Unwrap(wrappedKey), Convert.FromBase64String(stored[Prefix.Length..]), Purpose);
}
