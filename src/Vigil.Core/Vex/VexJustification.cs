namespace Vigil.Core.Vex;

/// <summary>
/// Why a product is not affected, in the VEX vocabulary (OpenVEX v0.2.0, "Status Justifications"; the labels of CISA's
/// "Vulnerability Exploitability eXchange (VEX) – Status Justifications").
/// </summary>
public enum VexJustification
{
    ComponentNotPresent = 1,
    VulnerableCodeNotPresent = 2,
    VulnerableCodeNotInExecutePath = 3,
    VulnerableCodeCannotBeControlledByAdversary = 4,
    InlineMitigationsAlreadyExist = 5,
}

public static class VexJustifications
{
    /// <summary>The wire form, exactly as OpenVEX spells it (<c>vulnerable_code_not_in_execute_path</c>).</summary>
    public static string Name(this VexJustification justification) => justification switch
    {
        VexJustification.ComponentNotPresent => "component_not_present",
        VexJustification.VulnerableCodeNotPresent => "vulnerable_code_not_present",
        VexJustification.VulnerableCodeNotInExecutePath => "vulnerable_code_not_in_execute_path",
        VexJustification.VulnerableCodeCannotBeControlledByAdversary =>
            "vulnerable_code_cannot_be_controlled_by_adversary",
        _ => "inline_mitigations_already_exist",
    };

    /// <summary>What each label means, in words for the forms and pages.</summary>
    public static string Words(this VexJustification justification) => justification switch
    {
        VexJustification.ComponentNotPresent => "The vulnerable component is not present",
        VexJustification.VulnerableCodeNotPresent => "The vulnerable code is not present",
        VexJustification.VulnerableCodeNotInExecutePath => "The vulnerable code is never executed",
        VexJustification.VulnerableCodeCannotBeControlledByAdversary =>
            "The vulnerable code cannot be controlled by an attacker",
        _ => "Built-in mitigations already exist",
    };

    public static IReadOnlyList<VexJustification> All { get; } = Enum.GetValues<VexJustification>();

    public static bool TryParse(string? value, out VexJustification justification)
    {
        foreach (var candidate in All)
        {
            if (candidate.Name() == value?.Trim())
            {
                justification = candidate;
                return true;
            }
        }
        justification = default;
        return false;
    }
}
