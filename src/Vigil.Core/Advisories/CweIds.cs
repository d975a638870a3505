namespace Vigil.Core.Advisories;

/// <summary>CWE ids as CVE JSON 5 writes them: <c>^CWE-[1-9][0-9]*$</c>.</summary>
public static class CweIds
{
    public static bool IsValid(string id) =>
        id.Length > 4 && id.StartsWith("CWE-", StringComparison.Ordinal) && id[4] != '0'
            && id.AsSpan(4).IndexOfAnyExceptInRange('0', '9') < 0;
}
