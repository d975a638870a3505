namespace Vigil.Core.Errors;

// The few exceptions a use case may throw; one place maps them to problem documents. Expected outcomes are typed
// results; these are for "the caller asked for something that cannot be done". The web host maps them to RFC 9457
// problem documents in one place (Vigil.Web/Operations/UseCaseExceptionHandler): 404, 409 and 400.

/// <summary>The thing asked for does not exist, or the caller may not see it (both answer 404).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>
/// The request conflicts with the current state (a duplicate, a stale edit). <see cref="CurrentState"/> names the state
/// the thing is in now, when that is what the request ran into (a report another request moved first), so a client can
/// retry.
/// </summary>
public sealed class ConflictException(
    string message, string? currentState = null, Exception? innerException = null) : Exception(message, innerException)
{
    public string? CurrentState { get; } = currentState;
}

/// <summary>The input is invalid; <see cref="Errors"/> names each bad field and why.</summary>
public sealed class ValidationFailedException(
    string message, IReadOnlyDictionary<string, string[]>? errors = null) : Exception(message)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();
}

/// <summary>A limit of the process was reached (a new reporter's daily reports); <see cref="RetryAt"/> says when it
/// frees up.</summary>
public sealed class TooManyRequestsException(string message, DateTimeOffset retryAt) : Exception(message)
{
    public DateTimeOffset RetryAt { get; } = retryAt;
}
