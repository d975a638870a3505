using Vigil.Core.Errors;

namespace Vigil.Web.Pages.Admin;

/// <summary>What went wrong with one form on an administration page, shown next to that form with each field named.</summary>
public sealed record FormProblem(string Form, string Message, IReadOnlyDictionary<string, string[]> Errors)
{
    public static FormProblem From(string form, Exception e) =>
        new(form, e.Message, e is ValidationFailedException v ? v.Errors : new Dictionary<string, string[]>());

    public static int StatusOf(Exception e) => e is ConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
}
