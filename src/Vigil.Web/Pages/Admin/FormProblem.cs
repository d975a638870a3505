namespace Vigil.Web.Pages.Admin;

/// <summary>
/// What went wrong with one form on a page, shown next to that form with each field named
/// (<see cref="UseCasePageModel"/>).
/// </summary>
public sealed record FormProblem(string Form, string Message, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>One line: each field with what it needs, or the message when no field is named.</summary>
    public string Text => Errors.Count > 0
        ? string.Join(" ", Errors.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}"))
        : Message;
}
