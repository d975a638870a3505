using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Web.Operations;

/// <summary>
/// Maps the use cases' few exceptions (Vigil.Core.Errors: 404, 409, 400, 429) and the server's own bad-request exception to problem
/// documents, for the API and the pages alike. A save that lost a race is a conflict too (409): a stale concurrency token
/// (someone else saved the same row since it was read) or a unique constraint another request satisfied first.
/// Anything else falls through to the default handler: a 500 problem that reveals nothing but a trace id.
/// </summary>
internal sealed class UseCaseExceptionHandler(IProblemDetailsService problems, TimeProvider time) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            NotFoundException e => new ProblemDetails { Status = StatusCodes.Status404NotFound, Detail = e.Message },
            ConflictException e => Conflict(e),
            ValidationFailedException e => new HttpValidationProblemDetails(e.Errors.ToDictionary(p => p.Key, p => p.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Detail = e.Message,
            },
            TooManyRequestsException e => new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Detail = e.Message },
            // Kestrel's own: body too large (413), too slow (408), malformed (400).
            BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Detail = e.Message },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Detail = "Someone else changed this at the same time, and their change was saved first; reload and try again.",
            },
            DbUpdateException e when UniqueViolation.Is(e) => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Detail = "Someone else did this at the same time, and theirs was saved first; reload and try again.",
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is TooManyRequestsException limited)
        {
            RetryAfter.Set(httpContext.Response, limited.RetryAt - time.GetUtcNow());
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>A conflict with what a report became meanwhile names its state (<c>currentState</c>), so a client can reload and retry.</summary>
    private static ProblemDetails Conflict(ConflictException e)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Detail = e.Message };
        if (e.CurrentState is { } state)
        {
            problem.Extensions["currentState"] = state;
        }
        return problem;
    }
}
