using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Web.Operations;

/// <summary>
/// What a use case's exception (Vigil.Core.Errors) means for the caller: the status code, the message and the fields it
/// names. The one mapping for the API (<see cref="UseCaseExceptionHandler"/>, problem documents) and the pages
/// (<see cref="Pages.UseCasePageModel"/>, the problem next to the form). A save that lost a race is a conflict too
/// (409): a stale concurrency token (someone else saved the same row since it was read) or a unique constraint another
/// request satisfied first. A busy database (a lock held past the timeout) is 503 with Retry-After: nothing was
/// saved, and the same request may succeed in a moment.
/// </summary>
/// <param name="CurrentState">
/// For a conflict with what a report became meanwhile: its state now, so a client can reload and retry.
/// </param>
public sealed record UseCaseError(
    int Status,
    string Message,
    IReadOnlyDictionary<string, string[]> Errors,
    DateTimeOffset? RetryAt = null,
    string? CurrentState = null,
    TimeSpan? RetryIn = null)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoFields = new Dictionary<string, string[]>();


    /// <summary>The error a use case's exception stands for; null for any other exception (a fault: 500).</summary>
    public static UseCaseError? From(Exception exception) => exception switch
    {
        NotFoundException e => new(StatusCodes.Status404NotFound, e.Message, NoFields),
        ConflictException e => new(StatusCodes.Status409Conflict, e.Message, NoFields, CurrentState: e.CurrentState),
        ValidationFailedException e => new(StatusCodes.Status400BadRequest, e.Message, e.Errors),
        TooManyRequestsException e => new(StatusCodes.Status429TooManyRequests, e.Message, NoFields, e.RetryAt),
        DbUpdateConcurrencyException => new(StatusCodes.Status409Conflict,
            "Someone else changed this at the same time, and their change was saved first; reload and try again.",
            NoFields),
        DbUpdateException e when UniqueViolation.Is(e) => new(StatusCodes.Status409Conflict,
            "Someone else did this at the same time, and theirs was saved first; reload and try again.", NoFields),
        _ when DatabaseBusy.Is(exception) => new(StatusCodes.Status503ServiceUnavailable,
            "The database is busy and nothing was saved; try again in a moment.", NoFields,
            RetryIn: TimeSpan.FromSeconds(2)),
        _ => null,
    };

    /// <summary>A form's own check: one field and what it needs, answered 400.</summary>
    public static UseCaseError Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The status code, and for 429 and 503 the Retry-After header.</summary>
    public void Apply(HttpResponse response, TimeProvider time)
    {
        response.StatusCode = Status;
        if (RetryIn is { } delay)
        {
            RetryAfter.Set(response, delay);
        }
        else if (RetryAt is { } retryAt)
        {
            RetryAfter.Set(response, retryAt - time.GetUtcNow());
        }
    }
}
