using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// Package metadata (packument) requests npm sends to the same registry while building its audit report
/// (metavuln-calculator: <c>GET /&lt;name&gt;</c>). With <c>Vigil:Npm:Upstream</c>
/// set they are passed through (<see cref="PackumentProxy"/>); without it Vigil answers as the registry does
/// for an unknown package: npm then still prints every advisory, with <c>range: ""</c> and
/// <c>fixAvailable: false</c> (observed, run12; npm 10 and 11 both checked by NpmCliAuditTests).
/// </summary>
public static class NpmRegistryEndpoints
{
    public static IEndpointRouteBuilder MapNpmRegistryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/").WithTags("npm");
        // `npm ping` (npm-registry-fetch GET /-/ping): 200 with {} means "the registry answers". Public, like the
        // audit endpoints: it needs no token and says nothing beyond that the server is up.
        group.MapGet("/-/ping", Ping);
        // Scoped names arrive as /@scope%2fname (one segment; routing leaves %2f encoded) or /@scope/name.
        group.MapGet("/{name}",
            (string name, HttpRequest request, PackumentProxy proxy, CancellationToken cancellationToken) =>
            proxy.GetAsync(Uri.UnescapeDataString(name), request, cancellationToken));
        group.MapGet("/{scope:regex(^@)}/{name}",
            (string scope, string name, HttpRequest request, PackumentProxy proxy,
            CancellationToken cancellationToken) =>
            proxy.GetAsync(scope + "/" + name, request, cancellationToken));
        return app;
    }

    public static Ok<NpmPing> Ping() => TypedResults.Ok(new NpmPing());

    public static NotFound<NpmError> NotFound() => TypedResults.NotFound(new NpmError("Not found"));
}

public sealed record NpmError(string Error);

/// <summary>The registry's ping answer: an empty object.</summary>
public sealed record NpmPing;
