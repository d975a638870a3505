using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Bounties;
using Vigil.Core.Reports;
using Vigil.Web.Pages.Admin;
using Vigil.Web.Pages.Reports;

namespace Vigil.Web.Pages.Bounties;

/// <summary>
/// A report's bounty: the team awards, amends, cancels and records payments; a recipient sees their own share,
/// declines it or agrees to show it publicly. Someone who may not see the report gets 404, like the report page.
/// </summary>
public sealed class ReportModel(GetReport reports, GetReportBounty get, AwardBounty award, BountyPayments payments,
    Vigil.Core.Data.VigilDbContext db) : UseCasePageModel
{
    /// <summary>
    /// For the team's award form: the maintainers invited to this report who accepted with an account (the possible
    /// fixers).
    /// </summary>
    public IReadOnlyList<(Guid Id, string Name)> Fixers { get; private set; } = [];

    public long Id { get; private set; }
    public ReportView? Report { get; private set; }
    public BountyView? Bounty { get; private set; }
    public bool IsTeam { get; private set; }
    public FormProblem? Problem => Failure;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Id = id;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAwardAsync(long id, string? severity, string? finderAmount, string? fixerAmount,
        Guid? fixerUserId, string? reason, CancellationToken ct) =>
        ActAsync(id, actor => award.ExecuteAsync(id, actor,
            new AwardInput(severity, Amount(finderAmount), Amount(fixerAmount), fixerUserId, reason), ct), ct);

    public Task<IActionResult> OnPostCancelAsync(long id, CancellationToken ct) =>
        ActAsync(id, actor => award.CancelAsync(id, actor, ct), ct);

    public Task<IActionResult> OnPostPaidAsync(long id, string? recipient, DateOnly? paidOn, CancellationToken ct) =>
        ActAsync(id, actor => payments.MarkPaidAsync(
            id, actor, Vigil.Web.Bounties.BountiesEndpoints.Recipient(recipient), paidOn, ct), ct);

    public Task<IActionResult> OnPostDeclineAsync(long id, CancellationToken ct) =>
        ActAsync(id, actor => payments.DeclineAsync(id, actor, ct), ct);

    public Task<IActionResult> OnPostVisibilityAsync(long id, bool showPublicly, CancellationToken ct) =>
        ActAsync(id, actor => payments.SetVisibilityAsync(id, actor, showPublicly, ct), ct);

    private Task<IActionResult> ActAsync(long id, Func<Actor, Task> action, CancellationToken cancellationToken)
    {
        Id = id;
        return FormAsync("bounty", async () =>
        {
            await action(ReportPageActor.From(HttpContext, id));
            return Redirect($"/reports/{id}/bounty");
        }, () => LoadAsync(cancellationToken));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var actor = ReportPageActor.From(HttpContext, Id);
        Report = await FindAsync(() => reports.ExecuteAsync(Id, actor, cancellationToken));
        if (Report is null)
        {
            return;
        }
        IsTeam = Report.ViewerRole is "team" or "admin";
        if (IsTeam)
        {
            Fixers = (await db.ReportParticipants.Where(p => p.ReportId == Id && p.UserId != null)
                    .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { u.Id, u.DisplayName, u.Email })
                    .ToListAsync(cancellationToken))
                .DistinctBy(u => u.Id)
                .Select(u => (u.Id, string.IsNullOrWhiteSpace(u.DisplayName)
                    ? u.Email ?? u.Id.ToString()
                    : $"{u.DisplayName} ({u.Email})"))
                .ToList();
        }
        Bounty = await OptionalAsync(() => get.ExecuteAsync(Id, actor, cancellationToken));
    }

    private static decimal? Amount(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : -1m;
}
