namespace Vigil.Cvss;

/// <summary>
/// The qualitative severity rating scale shared by CVSS v3.0, v3.1 (specification §5, Table 14) and
/// v4.0 (specification §6): None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0.
/// </summary>
public enum CvssSeverity
{
    None,
    Low,
    Medium,
    High,
    Critical,
}
