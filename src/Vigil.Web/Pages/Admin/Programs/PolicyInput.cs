using System.Globalization;
using Vigil.Core.Errors;
using Vigil.Core.Programs;

namespace Vigil.Web.Pages.Admin.Programs;

/// <summary>
/// The policy form as typed: lists one per line (or comma-separated), numbers as text. <see cref="ToSettings"/>
/// turns it into <see cref="ProgramSettings"/>, naming the field of anything that is not a number; the rest
/// is checked by <see cref="ProgramPolicy"/>, as for the API.
/// </summary>
public sealed class PolicyInput
{
    public string? Name { get; set; }
    public List<string> ScopeEcosystems { get; set; } = [];
    public string? ScopePackages { get; set; }
    public string? TriageBusinessDays { get; set; }
    public string? PublicationDays { get; set; }
    public string? TimeZone { get; set; }
    public string? Holidays { get; set; }
    public string? ReminderHours { get; set; }

    /// <summary><c>publish</c> or <c>flag</c>: what the clock does at the publication deadline.</summary>
    public string? AtDeadline { get; set; }

    public string? AdvisoryIdPrefix { get; set; }
    public string? ReservedCveIds { get; set; }

    /// <summary>Empty: no review step; otherwise the signal below which reports are held for review.</summary>
    public string? MinimumSignal { get; set; }

    public string? NewReporterReportsPerDay { get; set; }

    /// <summary>Business days after notification, comma-separated; empty: no reminders.</summary>
    public string? MaintainerReminderBusinessDays { get; set; }

    /// <summary>Business days after notification; 0: no escalation.</summary>
    public string? MaintainerEscalationBusinessDays { get; set; }

    /// <summary>A checkbox: intake refuses a report without a proof of concept in the form of one.</summary>
    public bool RequireProofOfConcept { get; set; }

    public static PolicyInput From(ProgramAdminView p) => new()
    {
        Name = p.Name,
        ScopeEcosystems = [.. p.ScopeEcosystems],
        ScopePackages = string.Join('\n', p.ScopePackages),
        TriageBusinessDays = p.TriageBusinessDays.ToString(CultureInfo.InvariantCulture),
        PublicationDays = p.PublicationDays.ToString(CultureInfo.InvariantCulture),
        TimeZone = p.TimeZone,
        Holidays = string.Join('\n', p.Holidays),
        ReminderHours = string.Join(", ", p.ReminderHours),
        AtDeadline = p.PublishAtDeadline ? "publish" : "flag",
        AdvisoryIdPrefix = p.AdvisoryIdPrefix,
        ReservedCveIds = string.Join('\n', p.ReservedCveIds),
        MinimumSignal = p.MinimumSignal?.ToString(CultureInfo.InvariantCulture),
        NewReporterReportsPerDay = p.NewReporterReportsPerDay.ToString(CultureInfo.InvariantCulture),
        MaintainerReminderBusinessDays = string.Join(", ", p.MaintainerReminderBusinessDays),
        MaintainerEscalationBusinessDays = p.MaintainerEscalationBusinessDays.ToString(CultureInfo.InvariantCulture),
        RequireProofOfConcept = p.RequireProofOfConcept,
    };

    public ProgramSettings ToSettings()
    {
        var errors = new Dictionary<string, string[]>();
        var triage = Number(TriageBusinessDays, "triageBusinessDays", errors);
        var publication = Number(PublicationDays, "publicationDays", errors);
        var reminders = new List<int>();
        foreach (var (text, i) in List(ReminderHours).Select((t, i) => (t, i)))
        {
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var hours))
            {
                reminders.Add(hours);
            }
            else
            {
                errors[$"reminderHours[{i}]"] = [$"'{text}' is not a whole number of hours."];
            }
        }
        var maintainerReminders = new List<int>();
        foreach (var (text, i) in List(MaintainerReminderBusinessDays).Select((t, i) => (t, i)))
        {
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days))
            {
                maintainerReminders.Add(days);
            }
            else
            {
                errors[$"maintainerReminderBusinessDays[{i}]"] = [$"'{text}' is not a whole number of business days."];
            }
        }
        var maintainerEscalation = string.IsNullOrWhiteSpace(MaintainerEscalationBusinessDays)
            ? 0
            : Number(MaintainerEscalationBusinessDays, "maintainerEscalationBusinessDays", errors);
        double? minimumSignal = null;
        if (!string.IsNullOrWhiteSpace(MinimumSignal))
        {
            if (double.TryParse(MinimumSignal.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var signal))
            {
                minimumSignal = signal;
            }
            else
            {
                errors["minimumSignal"] = [$"'{MinimumSignal}' is not a number (e.g. 1.5), or leave it empty."];
            }
        }
        var newReporterLimit = string.IsNullOrWhiteSpace(NewReporterReportsPerDay)
            ? null
            : Number(NewReporterReportsPerDay, "newReporterReportsPerDay", errors);
        bool? publish = AtDeadline switch { "publish" => true, "flag" => false, _ => null };
        if (publish is null)
        {
            errors["publishAtDeadline"] = ["choose publish or flag."];
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException("The program's settings are invalid.", errors);
        }
        return new ProgramSettings(Name ?? "", ScopeEcosystems, List(ScopePackages), triage, publication,
            TimeZone?.Trim() ?? "", List(Holidays), reminders, publish, AdvisoryIdPrefix?.Trim() ?? "",
            List(ReservedCveIds), RequireMinimumSignal: minimumSignal is not null, MinimumSignal: minimumSignal,
            NewReporterReportsPerDay: newReporterLimit, MaintainerReminderBusinessDays: maintainerReminders,
            MaintainerEscalationBusinessDays: maintainerEscalation, RequireProofOfConcept: RequireProofOfConcept);
    }

    private static int? Number(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors[field] = [$"'{text}' is not a whole number."];
        return null;
    }

    private static List<string> List(string? text) =>
        (text ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
}
