using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Vigil.Web.Operations;

/// <summary>
/// Answers the use cases' errors (<see cref="UseCaseError"/>: 404, 409, 400, 429) and the server's own bad-request
/// exception with problem documents. Anything else falls through to the default handler: a 500 problem that reveals
/// nothing but a trace id. The pages answer the same errors themselves (<see cref="Pages.UseCasePageModel"/>).
/// </summary>
internal sealed class UseCaseExceptionHandler(IProblemDetailsService problems, TimeProvider time) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (UseCaseError.From(exception) is { } error)
        {
            error.Apply(httpContext.Response, time);
            return await WriteAsync(httpContext, exception, error.Status == StatusCodes.Status400BadRequest
                ? new HttpValidationProblemDetails(error.Errors.ToDictionary(p => p.Key, p => p.Value))
                {
                    Status = error.Status,
                    Detail = error.Message,
                }
                : Problem(error));
        }
        if (exception is BadHttpRequestException e)
        {
            // Kestrel's own: body too large (413), too slow (408), malformed (400).
            httpContext.Response.StatusCode = e.StatusCode;
            return await WriteAsync(
                httpContext, exception, new ProblemDetails { Status = e.StatusCode, Detail = e.Message });
        }
        return false;
    }

    /// <summary>
    /// A conflict with what a report became meanwhile names its state (<c>currentState</c>), so a client can
    /// reload and retry.
    /// </summary>
    private static ProblemDetails Problem(UseCaseError error)
    {
        var problem = new ProblemDetails { Status = error.Status, Detail = error.Message };
        if (error.CurrentState is { } state)
        {
            problem.Extensions["currentState"] = state;
        }
        return problem;
    }

    private ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, ProblemDetails problem) =>
        problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
}
