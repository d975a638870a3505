namespace Vigil.Core.Cve;

/// <summary>Where a report's CVE id stands; the reporter sees it.</summary>
public enum CveState
{
    None = 0,
    /// <summary>Asked of a CNA; no id yet.</summary>
    Requested = 1,
    /// <summary>An id is held for the report (from the program's block, or assigned elsewhere), not public
    /// yet.</summary>
    Reserved = 2,
    /// <summary>The advisory is public with the id as an alias.</summary>
    Published = 3,
}
