using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;

namespace Vigil.Core.Imports;

/// <summary>
/// What the database itself would refuse, checked per advisory before a batch is written so one bad
/// record cannot fail the transaction of 499 good ones. The lengths come from the EF model (one source
/// of truth with the migrations); NUL characters are refused because PostgreSQL text cannot hold them.
/// </summary>
internal sealed class StoreConstraints
{
    private readonly int _id;
    private readonly int _alias;
    private readonly int _source;
    private readonly int _ecosystem;
    private readonly int _name;
    private readonly int _npmRange;
    private readonly int _vector;

    private StoreConstraints(VigilDbContext db)
    {
        _id = MaxLength<AdvisoryEntity>(db, nameof(AdvisoryEntity.Id));
        _source = MaxLength<AdvisoryEntity>(db, nameof(AdvisoryEntity.Source));
        _vector = MaxLength<AdvisoryEntity>(db, nameof(AdvisoryEntity.CvssVector));
        _alias = MaxLength<AdvisoryAliasEntity>(db, nameof(AdvisoryAliasEntity.Alias));
        _ecosystem = MaxLength<AffectedPackageEntity>(db, nameof(AffectedPackageEntity.Ecosystem));
        _name = MaxLength<AffectedPackageEntity>(db, nameof(AffectedPackageEntity.Name));
        _npmRange = MaxLength<AffectedPackageEntity>(db, nameof(AffectedPackageEntity.NpmRange));
    }

    public static StoreConstraints For(VigilDbContext db) => new(db);

    /// <summary>Null when the advisory can be stored; otherwise why not.</summary>
    public string? Check(AdvisoryToStore item)
    {
        var v = item.Vulnerability;
        var problem = Text("id", v.Id, _id) ?? Text("source", item.Source, _source)
            ?? Text("summary", v.Summary, int.MaxValue);
        if (problem is not null || string.IsNullOrWhiteSpace(v.Id))
        {
            return problem ?? "the id is empty";
        }
        foreach (var alias in v.Aliases ?? [])
        {
            problem ??= Text("alias", alias, _alias);
        }
        foreach (var affected in v.Affected ?? [])
        {
            problem ??= Text("affected package ecosystem", affected.Package.Ecosystem, _ecosystem)
                ?? Text("affected package name", affected.Package.Name, _name)
                ?? Text(
                    "npm range",
                    AdvisoryRows.IsNpm(affected.Package.Ecosystem) ? AffectedRanges.ToNpmRange(affected) : null,
                    _npmRange)
                ?? Text("fixed version", AffectedRanges.FirstFixed(affected), int.MaxValue);
        }
        return problem ?? Text("CVSS vector", SeverityResolver.Resolve(v).Vector, _vector);
    }

    private static string? Text(string what, string? value, int max) =>
        value is null ? null
        : value.Length > max ? $"the {what} is {value.Length} characters long; the database holds at most {max}"
        : value.Contains(
            '\0', StringComparison.Ordinal) ? $"the {what} contains a NUL character, which the database cannot store"
        : null;

    private static int MaxLength<T>(VigilDbContext db, string property) =>
        db.Model.FindEntityType(typeof(T))?.FindProperty(property)?.GetMaxLength() ?? int.MaxValue;
}
