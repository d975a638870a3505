using Vigil.Core.Accounts;

namespace Vigil.Web.Accounts;

/// <summary>
/// What an API token must hold to call an endpoint: <see cref="ReadScope"/> for GET and HEAD, <see cref="WriteScope"/>
/// for every other method; null = tokens are refused there (a signed-in session only). Every <c>/api</c> endpoint
/// carries one (<see cref="TokenScopeEnforcement"/> refuses a token where none is declared); pages never see a
/// token at all (<see cref="AccountsSetup"/>'s scheme selector).
/// </summary>
public sealed record TokenScope(string? ReadScope, string? WriteScope)
{
    /// <summary>
    /// Any live token, whatever its scopes: the endpoint shows only public data or the caller's own identity.
    /// </summary>
    public const string AnyScope = "*";

    public static TokenScope SessionOnly { get; } = new(null, null);

    public static TokenScope Public { get; } = new(AnyScope, AnyScope);

    public static TokenScope Reports { get; } = new(ApiScopes.ReportsRead, ApiScopes.ReportsWrite);

    public static TokenScope Admin { get; } = new(ApiScopes.Admin, ApiScopes.Admin);

    /// <summary>The scope a request with this method needs; null = no token may make it.</summary>
    public string? For(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? ReadScope : WriteScope;

    /// <summary><c>reports:write</c> includes <c>reports:read</c>; no other scope includes another.</summary>
    public static bool Grants(IReadOnlyCollection<string> held, string needed) =>
        needed == AnyScope
        || held.Contains(needed)
        || (needed == ApiScopes.ReportsRead && held.Contains(ApiScopes.ReportsWrite));
}

public static class TokenScopeExtensions
{
    /// <summary>Declares what an API token needs to call these endpoints (the innermost declaration wins).</summary>
    public static TBuilder RequireTokenScope<TBuilder>(this TBuilder builder, TokenScope scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(scope);
}
