using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Core.Programs;

/// <summary>
/// A program's own OpenPGP key for its mail intake (docs/email.md): mail to the program's intake addresses
/// encrypted to it is opened with it. The public key and its fingerprint are public (the program page, its
/// SECURITY.md); the secret key and its passphrase are sealed with the master key
/// (<see cref="ProgramOpenPgpSecretKey.Purpose"/>), never stored in clear.
/// </summary>
public sealed class ProgramOpenPgpKeyEntity
{
    public long ProgramId { get; set; }
    public required string Fingerprint { get; set; }
    public required string PublicKey { get; set; }
    public required string SealedSecretKey { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

internal sealed class ProgramOpenPgpKeyConfiguration : IEntityTypeConfiguration<ProgramOpenPgpKeyEntity>
{
    public void Configure(EntityTypeBuilder<ProgramOpenPgpKeyEntity> builder)
    {
        builder.ToTable("program_openpgp_keys");
        builder.HasKey(k => k.ProgramId);
        builder.Property(k => k.ProgramId).ValueGeneratedNever();
        builder.Property(k => k.Fingerprint).HasMaxLength(64);
        builder.HasOne<ProgramEntity>().WithOne().HasForeignKey<ProgramOpenPgpKeyEntity>(k => k.ProgramId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
