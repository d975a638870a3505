using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// Package metadata (packument) requests npm sends to the same registry while building its audit report
/// (metavuln-calculator: <c>GET /&lt;name&gt;</c>; shared/specs/npm-audit.md §4). Vigil holds no packuments and
/// proxies none yet, so it answers as the registry does for an unknown package: npm then still prints every
/// advisory, with <c>range: ""</c> and <c>fixAvailable: false</c> (observed, run12).
/// </summary>
public static class NpmRegistryEndpoints
{
    public static IEndpointRouteBuilder MapNpmRegistryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/").WithTags("npm");
        // Scoped names arrive as /@scope%2fname (one segment) or /@scope/name.
        group.MapGet("/{name}", NotFound);
        group.MapGet("/{scope:regex(^@)}/{name}", NotFound);
        return app;
    }

    public static NotFound<NpmError> NotFound() => TypedResults.NotFound(new NpmError("Not found"));
}

public sealed record NpmError(string Error);
