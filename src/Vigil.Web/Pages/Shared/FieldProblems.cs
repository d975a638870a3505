namespace Vigil.Web.Pages.Shared;

/// <summary>
/// A failed form's problems placed beside their fields: the use case names fields as the API does
/// (<c>packages[0].affectedVersions</c>); a page maps each to its input's id and the label people read ("Affected
/// versions"). An input with a problem carries <c>aria-invalid="true"</c> and <c>aria-describedby</c> pointing at
/// its message (<c>ID-error</c>); the summary above the form links to each field by that name. A problem no field
/// of the form holds is shown in the summary alone.
/// </summary>
public sealed class FieldProblems
{
    private readonly Dictionary<string, string> _byInput = new(StringComparer.Ordinal);

    public FieldProblems(IReadOnlyDictionary<string, string[]>? errors,
        IReadOnlyDictionary<string, (string InputId, string Label)> fields,
        Func<string, (string InputId, string Label)?>? pattern = null)
    {
        foreach (var (field, messages) in errors ?? new Dictionary<string, string[]>())
        {
            var message = messages.Length > 0 ? messages[0] : "";
            (string InputId, string Label)? place =
                fields.TryGetValue(field, out var known) ? known : pattern?.Invoke(field);
            if (place is { } p)
            {
                _byInput.TryAdd(p.InputId, Capital(message));
                Summary.Add((p.InputId, p.Label, Capital(message)));
            }
            else
            {
                Summary.Add((null, null, Capital(message)));
            }
        }
    }

    /// <summary>
    /// Each problem in the order the use case gave them: the input to link to (null: none) and its label.
    /// </summary>
    public List<(string? InputId, string? Label, string Message)> Summary { get; } = [];

    public string? Message(string inputId) => _byInput.GetValueOrDefault(inputId);

    /// <summary>"true" for an input with a problem, else null (Razor then leaves the attribute out).</summary>
    public string? Invalid(string inputId) => _byInput.ContainsKey(inputId) ? "true" : null;

    /// <summary>The id of the input's message, with any other ids it is described by.</summary>
    public string? DescribedBy(string inputId, string? other = null) =>
        _byInput.ContainsKey(inputId) ? string.Join(' ', new[] { other, $"{inputId}-error" }.OfType<string>()) : other;

    private static string Capital(string message) =>
        message.Length > 0 ? char.ToUpperInvariant(message[0]) + message[1..] : message;
}
