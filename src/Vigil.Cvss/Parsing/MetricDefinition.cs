namespace Vigil.Cvss;

/// <summary>One row of a specification's vector table: abbreviated name, allowed values, mandatory or not.</summary>
internal sealed record MetricDefinition(string Name, string[] Values, bool Mandatory)
{
    public string AllowedValues => string.Join(", ", Values);
}
