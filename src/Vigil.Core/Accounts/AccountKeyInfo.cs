namespace Vigil.Core.Accounts;

/// <summary>An account's registered key as shown to its owner.</summary>
/// <param name="Expires">When the key expires; null: never.</param>
public sealed record AccountKeyInfo(
    string Fingerprint, DateTimeOffset Created, DateTimeOffset? Expires, DateTimeOffset RegisteredAt,
    string PublicKey)
{
    public static AccountKeyInfo From(AccountKeyEntity key) =>
        new(key.Fingerprint, key.KeyCreated, key.KeyExpires, key.RegisteredAt, key.PublicKey);
}
