namespace Vigil.Cvss;

/// <summary>One metric of a vector in its abbreviated form, e.g. <c>AV</c> = <c>N</c>.</summary>
public readonly record struct CvssMetric(string Name, string Value)
{
    public override string ToString() => $"{Name}:{Value}";
}
