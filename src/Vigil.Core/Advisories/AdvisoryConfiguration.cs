using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Core.Advisories;

internal sealed class AdvisoryConfiguration : IEntityTypeConfiguration<AdvisoryEntity>
{
    public void Configure(EntityTypeBuilder<AdvisoryEntity> builder)
    {
        builder.ToTable("advisories");
        builder.HasKey(a => a.Number);
        builder.Property(a => a.Number).ValueGeneratedOnAdd();
        builder.Property(a => a.Id).HasMaxLength(200);
        builder.HasIndex(a => a.Id).IsUnique();
        builder.HasIndex(a => a.Modified);
        // The public list sorts and filters by publication date (Pages/Advisories/Search).
        builder.HasIndex(a => a.Published);
        builder.Property(a => a.Summary).HasMaxLength(2000);
        builder.Property(a => a.CvssVector).HasMaxLength(300);
        builder.Property(a => a.Source).HasMaxLength(40);
        builder.Property(a => a.Origin).HasMaxLength(AdvisoryOrigin.MaxLength).HasDefaultValue(AdvisoryOrigin.Import);
        builder.HasIndex(a => a.Origin);
        builder.HasMany(a => a.Aliases).WithOne().HasForeignKey(a => a.AdvisoryNumber).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Affected).WithOne().HasForeignKey(a => a.AdvisoryNumber)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Cwes).WithOne().HasForeignKey(c => c.AdvisoryNumber).OnDelete(DeleteBehavior.Cascade);
    }

    /// <summary>
    /// PostgreSQL's full-text index: a stored tsvector generated from the searched columns (summary and
    /// keywords weigh A, details B) with a GIN index, so every write keeps it current. SQLite's is an FTS5
    /// table kept by triggers, created by its migration (docs/database.md, "Search").
    /// </summary>
    public static void AddSearchVector(EntityTypeBuilder<AdvisoryEntity> builder, bool sqlite)
    {
        if (sqlite)
        {
            return;
        }
        builder.Property<NpgsqlTypes.NpgsqlTsVector>(AdvisorySearchText.VectorColumn)
            .HasComputedColumnSql(
                $"setweight(to_tsvector('english'::regconfig, {Words("Summary")}), 'A') || "
                + $"setweight(to_tsvector('english'::regconfig, {Words("SearchKeywords")}), 'A') || "
                + $"setweight(to_tsvector('english'::regconfig, {Words("Details")}), 'B')", stored: true);
        builder.HasIndex(AdvisorySearchText.VectorColumn).HasMethod("GIN");

        // Punctuation inside a token only separates words, as in SQLite's tokenizer and the search box
        // (SearchQuery): PostgreSQL's parser would otherwise keep "lodash.merge" or "CVE-2020-7598" whole,
        // or read "-7598" as a negative number, and the words in them could not be found.
        static string Words(string column) => $"translate(coalesce(\"{column}\", ''), '-./_@:', '      ')";
    }
}

internal sealed class AdvisoryCweConfiguration : IEntityTypeConfiguration<AdvisoryCweEntity>
{
    public void Configure(EntityTypeBuilder<AdvisoryCweEntity> builder)
    {
        builder.ToTable("advisory_cwes");
        builder.HasKey(c => new { c.AdvisoryNumber, c.CweId });
        builder.Property(c => c.CweId).HasMaxLength(20);
        builder.HasIndex(c => c.CweId);
    }
}

internal sealed class AdvisoryAliasConfiguration : IEntityTypeConfiguration<AdvisoryAliasEntity>
{
    public void Configure(EntityTypeBuilder<AdvisoryAliasEntity> builder)
    {
        builder.ToTable("advisory_aliases");
        builder.HasKey(a => new { a.AdvisoryNumber, a.Alias });
        builder.Property(a => a.Alias).HasMaxLength(200);
        builder.HasIndex(a => a.Alias);
    }
}

internal sealed class AffectedPackageConfiguration : IEntityTypeConfiguration<AffectedPackageEntity>
{
    public void Configure(EntityTypeBuilder<AffectedPackageEntity> builder)
    {
        builder.ToTable("affected_packages");
        builder.HasKey(a => new { a.AdvisoryNumber, a.Index });
        builder.Property(a => a.Ecosystem).HasMaxLength(100);
        builder.Property(a => a.Name).HasMaxLength(500);
        builder.Property(a => a.NpmRange).HasMaxLength(4000);
        builder.Property(a => a.FixedVersion).HasMaxLength(300);
        // The public list filters by ecosystem alone and lists the ecosystems (Pages/Advisories/Search).
        builder.HasIndex(a => new { a.Ecosystem, a.Name });
    }

    /// <summary>
    /// Name first: the audit looks packages up by name (all ecosystems at once), the APIs by name +
    /// ecosystem. On SQLite the index also carries what the audit's match reads, so the lookup never
    /// visits the table: its rows sit in advisory order, so the 7,000 rows of a 2,000-package audit
    /// were as many scattered page reads (docs/performance.md, benchmark b). PostgreSQL keeps the plain
    /// index: a b-tree entry there is limited to about 2.7 KB, and an npm range may be longer.
    /// </summary>
    public static void AddNameIndex(EntityTypeBuilder<AffectedPackageEntity> builder, bool sqlite)
    {
        if (sqlite)
        {
            builder.HasIndex(a => new { a.Name, a.Ecosystem, a.AdvisoryNumber, a.Index, a.NpmRange, a.FixedVersion });
        }
        else
        {
            builder.HasIndex(a => new { a.Name, a.Ecosystem });
        }
    }
}
