using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Errors;
using Vigil.Web.Operations;
using Vigil.Web.Pages.Admin;

namespace Vigil.Web.Pages;

/// <summary>
/// A page whose handlers call use cases. The use cases' errors are mapped as for the API (<see cref="UseCaseError"/>:
/// 404, 409, 400, 429), but the page answers them itself: <see cref="FormAsync"/> runs one form and, when its use case
/// fails, sets the status code, puts the error into the model state and <see cref="Failure"/> (shown next to that
/// form), and shows the page again; <see cref="FindAsync{T}"/> loads what the page shows, a thing the caller may not
/// see answering the 404 page. No page catches a use case's exception itself.
/// </summary>
public abstract class UseCasePageModel : PageModel
{
    /// <summary>The failed form's problem, or null.</summary>
    public FormProblem? Failure { get; private set; }

    /// <summary>
    /// Runs one form's use case and returns its answer (usually a redirect). On a use case's error: the status code,
    /// <see cref="Failure"/> for <paramref name="form"/>, then <paramref name="reload"/> and the page again.
    /// </summary>
    protected async Task<IActionResult> FormAsync(
        string form, Func<Task<IActionResult>> action, Func<Task>? reload = null)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (UseCaseError.From(e) is { } error)
        {
            Fail(form, Explain(error));
            if (reload is not null)
            {
                await reload();
            }
            return Page();
        }
    }

    /// <summary>What this page tells of an error (by default the use case's own words).</summary>
    protected virtual UseCaseError Explain(UseCaseError error) => error;

    /// <summary>
    /// Loads what the page shows; when the use case answers "not found" (the thing is not there, or not the caller's),
    /// the answer is 404 and any form's problem is dropped, since the not-found page shows none.
    /// </summary>
    protected async Task<T?> FindAsync<T>(Func<Task<T>> load)
    {
        try
        {
            return await load();
        }
        catch (NotFoundException)
        {
            Failure = null;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return default;
        }
    }

    /// <summary>
    /// Loads a part of the page that may be absent ("not found" is null; the answer's status stays as it is).
    /// </summary>
    protected static async Task<T?> OptionalAsync<T>(Func<Task<T>> load) where T : class
    {
        try
        {
            return await load();
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private void Fail(string form, UseCaseError error)
    {
        error.Apply(Response, HttpContext.RequestServices.GetRequiredService<TimeProvider>());
        Failure = new FormProblem(form, error.Message, error.Errors);
        if (error.Errors.Count == 0)
        {
            ModelState.AddModelError(form, error.Message);
        }
        foreach (var (field, messages) in error.Errors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError(field, message);
            }
        }
    }
}
