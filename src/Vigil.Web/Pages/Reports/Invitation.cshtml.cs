using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Web.Operations;
using Vigil.Core.Reports;

namespace Vigil.Web.Pages.Reports;

/// <summary>
/// The e-mailed invitation link (<c>/reports/{id}/invitation#token=vin_…</c>). The token is in the fragment,
/// which browsers never send, so no request line, log or proxy ever holds it; <c>/static/invitation.js</c> puts
/// it into the form (a person without script pastes it). Opening the page changes nothing; accepting is a POST
/// from a signed-in account with the token in its body. A wrong or spent token gets the 404 page.
/// </summary>
public sealed class InvitationModel(AcceptInvitation accept) : UseCasePageModel
{
    [BindProperty] public string? Token { get; set; }
    public long Id { get; private set; }
    public string? Problem => Failure?.Message;
    public string ReturnUrl => $"/reports/{Id}/invitation";

    public void OnGet(long id) => Id = id;

    public Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        Id = id;
        return FormAsync("invitation", async () =>
        {
            await accept.ExecuteAsync(id, ApiActor.From(HttpContext), Token ?? "", cancellationToken);
            return Redirect($"/reports/{id}");
        });
    }

    protected override UseCaseError Explain(UseCaseError error) => error.Status == StatusCodes.Status404NotFound
        ? error with { Message = "This invitation link is not valid: it was mistyped, or it has been used already." }
        : error;
}
