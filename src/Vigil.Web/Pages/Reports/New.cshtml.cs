using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reports;
using Vigil.Web.Attachments;
using Vigil.Web.Operations;
using Vigil.Web.Pages.Shared;

namespace Vigil.Web.Pages.Reports;

/// <summary>
/// The report form, for everyone: signed in or not. An anonymous reporter is shown the follow-up token
/// once, and the browser keeps it in a cookie for that report's page.
/// </summary>
public sealed class NewModel(VigilDbContext db, SubmitReport submit, ReportIntakeLimit intakeLimit) : UseCasePageModel
{
    // The three below can be pre-filled from the query (?program=&ecosystem=&package=), e.g. by a SECURITY.md link.
    [BindProperty(SupportsGet = true)] public string? Program { get; set; }
    [BindProperty(SupportsGet = true)] public string Ecosystem { get; set; } = "npm";
    [BindProperty] public string? PackageName { get; set; }
    [BindProperty] public string? AffectedVersions { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? ProofOfConcept { get; set; }
    [BindProperty] public string? CvssVector { get; set; }
    [BindProperty] public string? Cwe { get; set; }
    [BindProperty] public string? ReporterEmail { get; set; }
    [BindProperty] public string? CreditName { get; set; }

    public IReadOnlyList<Core.Programs.ProgramEntity> Programs { get; private set; } = [];

    /// <summary>The program the form is for (asked for, else the first): its policy is shown beside the form.</summary>
    public Core.Programs.ProgramEntity? Chosen =>
        Programs.FirstOrDefault(p => p.Slug == Program) ?? Programs.FirstOrDefault();
    public IReadOnlyDictionary<string, string[]> Errors => Failure?.Errors ?? new Dictionary<string, string[]>();
    public SubmittedReport? Submitted { get; private set; }

    public async Task OnGetAsync([FromQuery] string? package, CancellationToken cancellationToken)
    {
        PackageName = package;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var request = new SubmitReportRequest(
            [new ReportPackageInput(Ecosystem, PackageName ?? "", AffectedVersions ?? "")],
            Title ?? "",
            Description ?? "",
            ProofOfConcept,
            string.IsNullOrWhiteSpace(CvssVector) ? null : CvssVector,
            string.IsNullOrWhiteSpace(Cwe) ? null : Cwe,
            string.IsNullOrWhiteSpace(ReporterEmail) ? null : ReporterEmail,
            string.IsNullOrWhiteSpace(CreditName) ? null : CreditName,
            Attachments: Request.HasFormContentType
                ? await AttachmentsEndpoints.FilesAsync(Request.Form, cancellationToken)
                : []);
        ChosenFiles = (request.Attachments ?? []).Select(a => a.FileName).ToList();
        return await FormAsync("report", async () =>
        {
            intakeLimit.Check(HttpContext);
            Submitted = await submit.ExecuteAsync(
                Program ?? "", request, ApiActor.From(HttpContext), cancellationToken);
            if (Submitted.FollowUpToken is { } token)
            {
                FollowUpCookie.Write(Response, Submitted.Id, token, Request.IsHttps);
            }
            return Page();
        });
    }

    /// <summary>Every problem is shown beside a field; the form keeps what was typed.</summary>
    protected override UseCaseError Explain(UseCaseError error) => error switch
    {
        { Status: StatusCodes.Status404NotFound } => UseCaseError.Invalid("program", "choose a program."),
        { Status: StatusCodes.Status400BadRequest } => error,
        // Too many reports: the message says when the next one is possible.
        _ => error with
        {
            Errors = new Dictionary<string, string[]>
            {
                [error.Status == StatusCodes.Status429TooManyRequests ? "limit" : "report"] = [error.Message],
            },
        },
    };

    public string? Error(string field) => Errors.TryGetValue(field, out var messages) ? messages[0] : null;

    /// <summary>The use case's field names as the form's inputs and labels.</summary>
    private static readonly Dictionary<string, (string, string)> Fields = new(StringComparer.Ordinal)
    {
        ["program"] = ("program", "Program"),
        ["packages"] = ("package", "Package"),
        ["packages[0].ecosystem"] = ("ecosystem", "Ecosystem"),
        ["packages[0].name"] = ("package", "Package"),
        ["packages[0].affectedVersions"] = ("versions", "Affected versions"),
        ["title"] = ("title", "Title"),
        ["description"] = ("description", "Description"),
        ["proofOfConcept"] = ("poc", "Proof of concept"),
        ["cvssVector"] = ("cvss", "CVSS vector"),
        ["cwe"] = ("cwe", "CWE"),
        ["reporterEmail"] = ("email", "Your e-mail"),
        ["creditName"] = ("credit", "How to credit you"),
        ["attachments"] = ("attachments", "Attachments"),
    };

    public FieldProblems Problems => new(Failure?.Errors, Fields,
        name => name.StartsWith("attachments[", StringComparison.Ordinal) ? ("attachments", "Attachments") : null);

    /// <summary>
    /// The files chosen before the form failed. A browser cannot be given files back, so the page names them and asks
    /// for them again instead of dropping them silently.
    /// </summary>
    public IReadOnlyList<string> ChosenFiles { get; private set; } = [];

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Programs = await db.Programs.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
}
