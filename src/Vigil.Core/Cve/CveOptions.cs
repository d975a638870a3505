namespace Vigil.Core.Cve;

/// <summary>Configuration section <c>Vigil:Cve</c>: the CNA that assigns the ids, for CVE JSON 5 records.</summary>
public sealed class CveOptions
{
    public const string Section = "Vigil:Cve";

    /// <summary>The CNA's organisation UUID in CVE Services.</summary>
    public Guid? AssignerOrgId { get; set; }

    public string? AssignerShortName { get; set; }

    /// <summary>Registry URL per ecosystem, written as <c>collectionURL</c> (e.g. <c>npm</c> → your registry's
    /// URL).</summary>
    public Dictionary<string, string> CollectionUrls { get; set; } = [];
}
