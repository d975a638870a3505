using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Programs;

namespace Vigil.Core.Accounts;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiTokenEntity>
{
    public void Configure(EntityTypeBuilder<ApiTokenEntity> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Hint).HasMaxLength(12);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<VigilUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        ProgramConfiguration.JsonList(builder.Property(t => t.Scopes));
    }
}

/// <summary>Identity's tables under readable names.</summary>
internal static class IdentityTables
{
    public static void Rename(ModelBuilder builder)
    {
        builder.Entity<VigilUser>().ToTable("users");
        builder.Entity<VigilUser>().Property(u => u.DisplayName).HasMaxLength(200);
        builder.Entity<VigilUser>().Property(u => u.ProfileHandle).HasMaxLength(Profiles.ProfileHandles.MaxLength);
        builder.Entity<VigilUser>().HasIndex(u => u.ProfileHandle).IsUnique();
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        // Passkeys (WebAuthn credentials) are configured here rather than through Identity's store schema
        // version, which depends on the host's services: the same model whether the context comes from the
        // web host, the CLI or the migrations tool.
        builder.Entity<IdentityUserPasskey<Guid>>(passkey =>
        {
            passkey.ToTable("user_passkeys");
            passkey.HasKey(p => p.CredentialId);
            passkey.Property(p => p.CredentialId).HasMaxLength(1024); // WebAuthn: at most 1023 bytes
            passkey.OwnsOne(p => p.Data).ToJson();
            passkey.HasOne<VigilUser>()
                .WithMany()
                .HasForeignKey(p => p.UserId)
                .IsRequired()
                .OnDelete(DeleteBehavior.Cascade);
            passkey.HasIndex(p => p.UserId);
        });
    }
}
