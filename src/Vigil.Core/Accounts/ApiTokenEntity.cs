namespace Vigil.Core.Accounts;

/// <summary>A scoped API token of an account. Only the SHA-256 of the secret is stored; the secret is shown
/// once.</summary>
public sealed class ApiTokenEntity
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required byte[] Hash { get; set; }

    /// <summary>The first characters of the secret after its prefix, to tell tokens apart in lists.</summary>
    public required string Hint { get; set; }
    public List<string> Scopes { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
