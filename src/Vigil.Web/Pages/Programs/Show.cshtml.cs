using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Community;
using Vigil.Core.Data;

namespace Vigil.Web.Pages.Programs;

/// <summary>
/// A program's public page: how to report, and its responsiveness over the last 90 days (counts only).
/// </summary>
public sealed class ShowModel(GetProgramMetrics metrics, VigilDbContext db) : PageModel
{
    public ProgramMetrics Metrics { get; private set; } = null!;

    /// <summary>
    /// The intake rules of reputation (docs/community.md): the minimum signal to report without review, and new
    /// reporters' daily limit.
    /// </summary>
    public (double? MinimumSignal, int NewReporterReportsPerDay, bool RequireProofOfConcept) Intake
    {
        get; private set;
    }

    /// <summary>The addresses the program takes reports at by e-mail (docs/email.md): public contacts.</summary>
    public IReadOnlyList<string> IntakeAddresses { get; private set; } = [];

    /// <summary>The program's own OpenPGP key for mail to those addresses, if it set one (public part only).
    /// </summary>
    public Core.Programs.ProgramOpenPgpKeyView? OpenPgpKey { get; private set; }

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Metrics = await metrics.ExecuteAsync(slug, cancellationToken);
        var intake = await db.Programs.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new { p.Id, p.MinimumSignal, p.NewReporterReportsPerDay, p.RequireProofOfConcept })
            .SingleAsync(cancellationToken);
        Intake = (intake.MinimumSignal, intake.NewReporterReportsPerDay, intake.RequireProofOfConcept);
        IntakeAddresses = await Core.Programs.SetIntakeAddresses.ListAsync(db, intake.Id, cancellationToken);
        OpenPgpKey = await Core.Programs.ProgramOpenPgpKeyView.FindAsync(db, intake.Id, cancellationToken);
    }
}
