using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Security;

namespace Vigil.Core.Accounts;

/// <summary>What a token may do: read reports and queues, act on them, or administer programs.</summary>
public static class ApiScopes
{
    public const string ReportsRead = "reports:read";
    public const string ReportsWrite = "reports:write";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [ReportsRead, ReportsWrite, Admin];
}

/// <summary>A token as listed: never the secret.</summary>
public sealed record ApiTokenInfo(
    long Id,
    string Name,
    string Hint,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    bool Revoked);

/// <summary>
/// Scoped API tokens: <c>vgl_</c> + 256 random bits in URL-safe base64, shown once; only the SHA-256 is kept
/// (a random secret needs no slow hash). Lookup is by hash, so no secret is ever compared or logged.
/// </summary>
public sealed class ApiTokens(VigilDbContext db, TimeProvider time)
{
    public const string Prefix = "vgl_";

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public async Task<(string Secret, ApiTokenInfo Info)> CreateAsync(
        Guid userId,
        string name,
        IReadOnlyList<string> scopes,
        TimeSpan? lifetime,
        CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            errors["name"] = ["a name of 1–100 characters, to recognise the token later."];
        }
        if (scopes.Count == 0 || scopes.Any(s => !ApiScopes.All.Contains(s)))
        {
            errors["scopes"] = [$"one or more of {string.Join(", ", ApiScopes.All)}."];
        }
        if (lifetime is { } l && (l <= TimeSpan.Zero || l > TimeSpan.FromDays(366)))
        {
            errors["expiresInDays"] = ["between 1 and 366 days."];
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException("The token request is invalid.", errors);
        }
        var secret = RandomTokens.Create(Prefix);
        var now = time.GetUtcNow();
        var entity = new ApiTokenEntity
        {
            UserId = userId,
            Name = name.Trim(),
            Hash = Hash(secret),
            Hint = secret.Substring(Prefix.Length, 6),
            Scopes = scopes.Distinct().ToList(),
            CreatedAt = now,
            ExpiresAt = lifetime is { } life ? now + life : null,
        };
        db.ApiTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return (secret, Info(entity));
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(
        Guid userId, CancellationToken cancellationToken = default) =>
        (await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken))
            .Select(Info)
            .ToList();

    /// <summary>Revokes one of the user's tokens; another user's token is "not found".</summary>
    public async Task RevokeAsync(Guid userId, long id, CancellationToken cancellationToken = default)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken)
            ?? throw new NotFoundException($"No token {id}.");
        token.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The live token with this secret, or null (unknown, revoked or expired); records its use.</summary>
    public async Task<ApiTokenEntity?> ValidateAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        var hash = Hash(secret);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        var now = time.GetUtcNow();
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return null;
        }
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return token;
    }

    private static ApiTokenInfo Info(ApiTokenEntity t) =>
        new(t.Id, t.Name, t.Hint, t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt is not null);
}
