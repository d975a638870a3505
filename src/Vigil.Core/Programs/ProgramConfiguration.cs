using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Core.Programs;

internal sealed class ProgramConfiguration : IEntityTypeConfiguration<ProgramEntity>
{
    public void Configure(EntityTypeBuilder<ProgramEntity> builder)
    {
        builder.ToTable("programs");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Slug).HasMaxLength(ProgramPolicy.MaxSlugLength);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.TimeZone).HasMaxLength(100);
        builder.Property(p => p.AdvisoryIdPrefix).HasMaxLength(16);
        JsonList(builder.Property(p => p.ScopeEcosystems));
        JsonList(builder.Property(p => p.ScopePackages));
        JsonList(builder.Property(p => p.Holidays));
        JsonList(builder.Property(p => p.ReservedCveIds));
        JsonList(builder.Property(p => p.ReminderHours));
        JsonList(builder.Property(p => p.MaintainerReminderBusinessDays));
    }

    /// <summary>A list kept as JSON text: the same column type on both providers, compared by content.</summary>
    internal static void JsonList<T>(PropertyBuilder<List<T>> property) => property
        .HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            v => JsonSerializer.Deserialize<List<T>>(v, JsonSerializerOptions.Default) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => a!.SequenceEqual(b!),
                v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
                v => v.ToList()));
}

internal sealed class ProgramMemberConfiguration : IEntityTypeConfiguration<ProgramMemberEntity>
{
    public void Configure(EntityTypeBuilder<ProgramMemberEntity> builder)
    {
        builder.ToTable("program_members");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => new { m.ProgramId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasOne<ProgramEntity>().WithMany().HasForeignKey(m => m.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class PackageMaintainerConfiguration : IEntityTypeConfiguration<PackageMaintainerEntity>
{
    public void Configure(EntityTypeBuilder<PackageMaintainerEntity> builder)
    {
        builder.ToTable("package_maintainers");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Ecosystem).HasMaxLength(100);
        builder.Property(m => m.Name).HasMaxLength(300);
        builder.Property(m => m.Email).HasMaxLength(320);
        builder.HasIndex(m => new { m.ProgramId, m.Ecosystem, m.Name });
        builder.HasIndex(m => m.UserId);
        builder.HasOne<ProgramEntity>().WithMany().HasForeignKey(m => m.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}
