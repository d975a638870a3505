namespace Vigil.Versioning.Npm;

/// <summary>A comparator's operator; <c>=</c> is normalized to <see cref="Equal"/> (printed as nothing).</summary>
public enum NpmComparatorOperator
{
    Equal,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}
