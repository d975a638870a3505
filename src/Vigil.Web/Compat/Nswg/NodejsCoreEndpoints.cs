using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Data;
using Vigil.Core.Nswg;

namespace Vigil.Web.Compat.Nswg;

/// <summary>
/// The Node.js core vulnerability list in the Security WG's format, at the path the WG's repository
/// used (<c>vuln/core/index.json</c>): the same bytes <c>vigil export nswg</c> writes there.
/// </summary>
public static class NodejsCoreEndpoints
{
    public const string CoreIndexPath = "/vuln/core/index.json";

    public static IEndpointRouteBuilder MapNodejsCoreEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(CoreIndexPath, CoreIndexAsync).WithTags("Node.js");
        return app;
    }

    public static async Task<FileContentHttpResult> CoreIndexAsync(
        HttpResponse response, VigilDbContext db, NodejsCoreList coreList, DerivedDocumentCache cache,
        CancellationToken cancellationToken)
    {
        var document = await cache.GetAsync("nodejs-core", "", db, async ct =>
        {
            var list = await coreList.ExecuteAsync(ct);
            return DerivedDocument.Of(list.Json, list.Modified);
        }, cancellationToken);
        return document.ToResult(response);
    }
}
