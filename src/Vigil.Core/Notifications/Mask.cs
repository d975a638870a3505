namespace Vigil.Core.Notifications;

/// <summary>Shortens addresses for logs: <c>alice@example.org</c> becomes <c>a***@e***.org</c>.</summary>
public static class Mask
{
    public static string Email(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "(none)";
        }
        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }
        var domain = address[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        var tld = dot > 0 ? domain[dot..] : "";
        return $"{address[0]}***@{(domain.Length > 0 ? domain[0] : '*')}***{tld}";
    }
}
