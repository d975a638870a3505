using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Core.Accounts;

/// <summary>
/// The OpenPGP public key an account registered (docs/accounts.md): mail about a report is encrypted to it, and
/// mail signed by it is recorded as verified. One per account; public, so stored as armored.
/// </summary>
public sealed class AccountKeyEntity
{
    public long Id { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The primary key's fingerprint, upper-case hex.</summary>
    public required string Fingerprint { get; set; }

    /// <summary>The key as registered, ASCII-armored (at most <see cref="OpenPgpPublicKey.MaxArmoredLength"/>
    /// characters).</summary>
    public required string PublicKey { get; set; }

    public DateTimeOffset KeyCreated { get; set; }
    public DateTimeOffset? KeyExpires { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}

internal sealed class AccountKeyConfiguration : IEntityTypeConfiguration<AccountKeyEntity>
{
    public void Configure(EntityTypeBuilder<AccountKeyEntity> builder)
    {
        builder.ToTable("account_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Fingerprint).HasMaxLength(64);
        builder.Property(k => k.PublicKey).HasMaxLength(OpenPgpPublicKey.MaxArmoredLength);
        builder.HasIndex(k => k.UserId).IsUnique();
        builder.HasIndex(k => k.Fingerprint);
        builder.HasOne<VigilUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
