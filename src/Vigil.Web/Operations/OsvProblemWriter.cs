using System.Text.Json;
using Vigil.Core.Advisories.Osv;
using Vigil.Web.Compat.Osv;

namespace Vigil.Web.Operations;

/// <summary>
/// osv.dev answers every error of its API with <c>{"code": &lt;gRPC code&gt;, "message": …}</c> (grpc-gateway;
/// the OSV API; docs/api.md), so problems under <c>/v1/</c> — unknown route, 405, 413, 415, 429, 500 — take
/// that shape too, with the same HTTP status. The message is the problem's detail.
/// </summary>
internal sealed class OsvProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => IsOsvPath(context.HttpContext.Request.Path);

    public static bool IsOsvPath(PathString path) => path.StartsWithSegments("/v1", StringComparison.Ordinal);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        Problems.Customize(context);
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var response = context.HttpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body,
            new OsvError(GrpcCode(status), problem.Detail ?? problem.Title ?? ""),
            OsvJson.Options, context.HttpContext.RequestAborted);
    }

    // grpc-gateway's mapping between gRPC codes and HTTP statuses (runtime/errors.go HTTPStatusFromCode), read
    // backwards.
    private static int GrpcCode(int status) => status switch
    {
        StatusCodes.Status404NotFound => OsvError.NotFound,
        StatusCodes.Status405MethodNotAllowed or StatusCodes.Status501NotImplemented => 12, // UNIMPLEMENTED
        StatusCodes.Status408RequestTimeout => 4, // DEADLINE_EXCEEDED
        StatusCodes.Status409Conflict => 10, // ABORTED
        StatusCodes.Status413PayloadTooLarge or StatusCodes.Status429TooManyRequests => 8, // RESOURCE_EXHAUSTED
        StatusCodes.Status503ServiceUnavailable => 14, // UNAVAILABLE
        >= 500 => 13, // INTERNAL
        _ => OsvError.InvalidArgument,
    };
}
