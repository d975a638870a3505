using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Core.Cve;
using Vigil.Core.Errors;
using Vigil.Core.Publication;

namespace Vigil.Core.Programs;

/// <summary>What an admin sets on a program. Null fields keep their default (create) or current value
/// (update).</summary>
public sealed record ProgramSettings(
    string? Name = null,
    IReadOnlyList<string>? ScopeEcosystems = null,
    IReadOnlyList<string>? ScopePackages = null,
    int? TriageBusinessDays = null,
    int? PublicationDays = null,
    string? TimeZone = null,
    IReadOnlyList<string>? Holidays = null,
    IReadOnlyList<int>? ReminderHours = null,
    bool? PublishAtDeadline = null,
    string? AdvisoryIdPrefix = null,
    IReadOnlyList<string>? ReservedCveIds = null,
    bool? RequireMinimumSignal = null,
    double? MinimumSignal = null,
    int? NewReporterReportsPerDay = null,
    IReadOnlyList<int>? MaintainerReminderBusinessDays = null,
    int? MaintainerEscalationBusinessDays = null,
    bool? RequireProofOfConcept = null);

/// <summary>The process rules' defaults and the checks on a program's settings; each error names its field.</summary>
public static partial class ProgramPolicy
{
    /// <summary>Triage is due within 2 business days of submission (docs/disclosure.md).</summary>
    public const int DefaultTriageBusinessDays = 2;

    /// <summary>The vulnerability is published 45 days after triage (docs/disclosure.md).</summary>
    public const int DefaultPublicationDays = 45;

    /// <summary>Maintainers who have not answered are reminded 3 and 7 business days after they were notified
    /// (docs/disclosure.md, unresponsive maintainers).</summary>
    public static readonly IReadOnlyList<int> DefaultMaintainerReminderBusinessDays = [3, 7];

    /// <summary>The program's admins hear that the maintainers are unresponsive 10 business days after they were
    /// notified.</summary>
    public const int DefaultMaintainerEscalationBusinessDays = 10;

    /// <summary>The latest a maintainer reminder or escalation may come, in business days after notification.</summary>
    public const int MaxMaintainerBusinessDays = 60;

    public const int MaxSlugLength = 60;

    /// <summary>A reporter with fewer reports that had an outcome than this is "new" (rate-limited per
    /// program).</summary>
    public const int NewReporterOutcomes = 3;

    public const int DefaultNewReporterReportsPerDay = 10;

    public static bool IsSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    /// <summary>Applies <paramref name="settings"/> to <paramref name="program"/> after checking all of them; nothing
    /// changes when one is wrong.</summary>
    public static void Apply(ProgramEntity program, ProgramSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (settings.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 200))
        {
            Add("name", "a name of 1–200 characters is required.");
        }
        if (settings.TriageBusinessDays is < 1 or > 30)
        {
            Add("triageBusinessDays", "between 1 and 30 business days.");
        }
        if (settings.PublicationDays is < 1 or > 365)
        {
            Add("publicationDays", "between 1 and 365 days.");
        }
        if (settings.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            Add("timeZone", $"'{zone}' is not a known IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).");
        }
        foreach (var (holiday, i) in (settings.Holidays ?? []).Select((h, i) => (h, i)))
        {
            if (!DateOnly.TryParseExact(
                holiday, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                Add($"holidays[{i}]", $"'{holiday}' is not a date (YYYY-MM-DD).");
            }
        }
        foreach (var (hours, i) in (settings.ReminderHours ?? []).Select((h, i) => (h, i)))
        {
            if (hours is < 1 or > 24 * 60)
            {
                Add($"reminderHours[{i}]", "between 1 and 1,440 hours before the deadline.");
            }
        }
        var escalation = settings.MaintainerEscalationBusinessDays ?? program.MaintainerEscalationBusinessDays;
        if (settings.MaintainerEscalationBusinessDays is < 0 or > MaxMaintainerBusinessDays)
        {
            Add(
                "maintainerEscalationBusinessDays",
                $"between 1 and {MaxMaintainerBusinessDays} business days after notification, or 0 for none.");
        }
        var maintainerReminders = settings.MaintainerReminderBusinessDays ?? program.MaintainerReminderBusinessDays;
        if (maintainerReminders.Count > 10)
        {
            Add("maintainerReminderBusinessDays", "at most 10 reminders.");
        }
        foreach (var (days, i) in maintainerReminders.Select((d, i) => (d, i)))
        {
            if (days is < 1 or > MaxMaintainerBusinessDays)
            {
                Add(
                    $"maintainerReminderBusinessDays[{i}]",
                    $"between 1 and {MaxMaintainerBusinessDays} business days after notification.");
            }
            else if (escalation is > 0 and <= MaxMaintainerBusinessDays && days >= escalation)
            {
                Add(
                    $"maintainerReminderBusinessDays[{i}]",
                    $"{days} is not before the escalation ({escalation} business days): a reminder comes first.");
            }
        }
        if (settings.AdvisoryIdPrefix is { } prefix && !AdvisoryIds.IsValidPrefix(prefix))
        {
            Add("advisoryIdPrefix", $"'{prefix}': an upper-case letter, then 1–15 upper-case letters or digits.");
        }
        foreach (var (ecosystem, i) in (settings.ScopeEcosystems ?? []).Select((e, i) => (e, i)))
        {
            if (ecosystem is not ("npm" or "NuGet"))
            {
                Add(
                    $"scopeEcosystems[{i}]",
                    $"'{ecosystem}' is not an ecosystem Vigil runs programs for (npm, NuGet).");
            }
        }
        foreach (var (package, i) in (settings.ScopePackages ?? []).Select((p, i) => (p, i)))
        {
            var slash = package.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == package.Length - 1 || package[..slash] is not ("npm" or "NuGet"))
            {
                Add(
                    $"scopePackages[{i}]",
                    $"'{package}': expected ECOSYSTEM/NAME, e.g. npm/express or npm/@scope/name.");
            }
        }
        foreach (var (cve, i) in (settings.ReservedCveIds ?? []).Select((c, i) => (c, i)))
        {
            if (!CveRecordRequest.IsCveId(cve))
            {
                Add($"reservedCveIds[{i}]", $"'{cve}' is not a CVE id.");
            }
        }
        var minimumSignal = settings.RequireMinimumSignal switch
        {
            false => null,
            true => settings.MinimumSignal,
            null => settings.MinimumSignal ?? program.MinimumSignal,
        };
        if (settings.RequireMinimumSignal == true && settings.MinimumSignal is null)
        {
            Add("minimumSignal", "give the minimum signal to report without review.");
        }
        if (minimumSignal is { } signal
            && (double.IsNaN(signal) || signal < Reputation.ReputationRules.MinPoints
                || signal > Reputation.ReputationRules.MaxPoints))
        {
            Add(
                "minimumSignal",
                $"a signal between {Reputation.ReputationRules.MinPoints} and {Reputation.ReputationRules.MaxPoints} "
                + "(points per report).");
        }
        if (settings.NewReporterReportsPerDay is < 0 or > 1000)
        {
            Add("newReporterReportsPerDay", "between 0 (no limit) and 1,000 reports per day.");
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(
                "The program's settings are invalid: "
                + $"{string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}"))}",
                errors);
        }

        program.Name = settings.Name?.Trim() ?? program.Name;
        program.ScopeEcosystems = settings.ScopeEcosystems?.Distinct().ToList() ?? program.ScopeEcosystems;
        program.ScopePackages = settings.ScopePackages?.Distinct().ToList() ?? program.ScopePackages;
        program.TriageBusinessDays = settings.TriageBusinessDays ?? program.TriageBusinessDays;
        program.PublicationDays = settings.PublicationDays ?? program.PublicationDays;
        program.TimeZone = settings.TimeZone ?? program.TimeZone;
        program.Holidays = settings.Holidays?.Distinct().Order(StringComparer.Ordinal).ToList() ?? program.Holidays;
        program.ReminderHours = settings.ReminderHours?.Distinct().OrderDescending().ToList() ?? program.ReminderHours;
        program.PublishAtDeadline = settings.PublishAtDeadline ?? program.PublishAtDeadline;
        program.AdvisoryIdPrefix = settings.AdvisoryIdPrefix ?? program.AdvisoryIdPrefix;
        program.ReservedCveIds = settings.ReservedCveIds?.Distinct().ToList() ?? program.ReservedCveIds;
        program.MinimumSignal = minimumSignal;
        program.NewReporterReportsPerDay = settings.NewReporterReportsPerDay ?? program.NewReporterReportsPerDay;
        program.MaintainerReminderBusinessDays = maintainerReminders.Distinct().Order().ToList();
        program.MaintainerEscalationBusinessDays = escalation;
        program.RequireProofOfConcept = settings.RequireProofOfConcept ?? program.RequireProofOfConcept;
    }

    /// <summary>Whether a package falls in the program's scope.</summary>
    /// <summary>Whether a package falls in the program's scope: listed by name, or in a listed ecosystem; a program
    /// with neither covers everything.</summary>
    public static bool InScope(ProgramEntity program, string ecosystem, string name) =>
        (program.ScopePackages.Count == 0 && program.ScopeEcosystems.Count == 0)
        || program.ScopeEcosystems.Contains(ecosystem, StringComparer.Ordinal)
        || program.ScopePackages.Contains($"{ecosystem}/{name}", StringComparer.Ordinal);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
