using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Compat.Osv;

/// <summary>
/// Configuration section <c>Vigil:Osv</c>: page sizes of the OSV API (osv.dev's by default, query_affected.go L37-41).
/// </summary>
public sealed class OsvApiOptions
{
    public const string Section = "Vigil:Osv";

    /// <summary>Most vulnerabilities in one <c>/v1/query</c> answer before <c>next_page_token</c> is set.</summary>
    [Range(1, 100_000)]
    public int QueryPageSize { get; set; } = 3000;

    /// <summary>Most vulnerabilities per query in one <c>/v1/querybatch</c> answer.</summary>
    [Range(1, 100_000)]
    public int BatchPageSize { get; set; } = 1000;
}
