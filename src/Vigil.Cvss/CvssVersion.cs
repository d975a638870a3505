namespace Vigil.Cvss;

/// <summary>The CVSS versions this library parses and scores.</summary>
public enum CvssVersion
{
    /// <summary>CVSS v2.0: a vector without prefix, e.g. <c>AV:N/AC:L/Au:N/C:P/I:P/A:P</c>.</summary>
    V2_0,

    /// <summary>CVSS v3.0: prefix <c>CVSS:3.0/</c>.</summary>
    V3_0,

    /// <summary>CVSS v3.1: prefix <c>CVSS:3.1/</c>.</summary>
    V3_1,

    /// <summary>CVSS v4.0: prefix <c>CVSS:4.0/</c>.</summary>
    V4_0,
}
