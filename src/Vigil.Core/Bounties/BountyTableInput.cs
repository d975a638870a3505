using Vigil.Core.Errors;

namespace Vigil.Core.Bounties;

public sealed record BountyRangeInput(string? Severity, decimal? Min, decimal? Max);

/// <summary>What a program admin sends to set the bounty table; <see cref="Validate"/> names every wrong
/// field.</summary>
public sealed record BountyTableInput(
    string? Currency,
    IReadOnlyList<BountyRangeInput>? Ranges,
    string? InScope = null,
    string? OutOfScope = null,
    bool PaysFixer = false)
{
    public const int MaxScopeLength = 4000;
    public const decimal MaxAmount = 1_000_000_000m;

    /// <summary>The severity words a table uses: the advisory database's (low, moderate, high, critical).</summary>
    public static readonly string[] Severities = ["low", "moderate", "high", "critical"];

    public void Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!Currencies.IsIso4217(Currency))
        {
            errors["currency"] = [$"'{Currency}' is not an ISO 4217 currency code (e.g. EUR, USD)."];
        }
        var ranges = Ranges ?? [];
        if (ranges.Count == 0)
        {
            errors["ranges"] = ["give at least one severity row."];
        }
        for (var i = 0; i < ranges.Count; i++)
        {
            var (severity, min, max) = (ranges[i].Severity, ranges[i].Min, ranges[i].Max);
            if (severity is null || !Severities.Contains(severity))
            {
                errors[$"ranges[{i}].severity"] = [
                    $"'{severity}' is not a severity word ({string.Join(", ", Severities)})."];
            }
            else if (ranges.Take(i).Any(r => r.Severity == severity))
            {
                errors[$"ranges[{i}].severity"] = [$"'{severity}' appears twice."];
            }
            if (min is null || min < 0 || min > MaxAmount)
            {
                errors[$"ranges[{i}].min"] = [$"a non-negative amount up to {MaxAmount}."];
            }
            if (max is null || max < 0 || max > MaxAmount)
            {
                errors[$"ranges[{i}].max"] = [$"a non-negative amount up to {MaxAmount}."];
            }
            else if (min is not null && min > max)
            {
                errors[$"ranges[{i}].max"] = [$"the maximum ({max}) is below the minimum ({min})."];
            }
        }
        if (InScope?.Length > MaxScopeLength || OutOfScope?.Length > MaxScopeLength)
        {
            errors["scope"] = [$"in and out of scope are at most {MaxScopeLength} characters each."];
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.First().Key + ": " + errors.First().Value[0], errors);
        }
    }
}
