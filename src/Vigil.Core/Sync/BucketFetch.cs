namespace Vigil.Core.Sync;

/// <summary>Validators a server gave for a file, sent back to ask "only if changed".</summary>
public sealed record BucketValidators(string? ETag, DateTimeOffset? LastModified);

public enum BucketStatus
{
    Ok,
    NotModified,
    NotFound,
}

/// <summary>The outcome of one GET from a bucket; on <see cref="BucketStatus.Ok"/> the body was handed to the
/// reader.</summary>
public sealed record BucketFetch(BucketStatus Status, BucketValidators Validators);

/// <summary>A fault that a retry may cure: a dropped connection, a 5xx, a truncated or corrupt download.</summary>
public sealed class BucketTransientException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Why a sync run failed; the message names the source, the file and what was wrong.</summary>
public sealed class SyncFailedException(string message, Exception? inner = null) : Exception(message, inner);
