using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vigil.Core.Reports;
using Vigil.Web.Compat;

namespace Vigil.Web.Pages.Reports;

/// <summary>
/// The report page's dispute forms (docs/disclosure.md, "Disputes"): the invited maintainer's "not affected" with a
/// VEX justification, the team's decision, and the team's publication of an accepted dispute as an OpenVEX document.
/// </summary>
public sealed partial class ShowModel
{
    /// <summary>Form fields <c>justification</c>, <c>impactStatement</c> and <c>versions[NAME]</c>.</summary>
    public Task<IActionResult> OnPostDisputeAsync(long id, string? justification, string? impactStatement,
        Dictionary<string, string>? versions, [FromServices] DisputeReport dispute, CancellationToken ct) =>
        ActAsync(id, actor => dispute.ExecuteAsync(id, actor,
            new DisputeInput(justification, impactStatement, versions), ct), ct,
            "Your dispute is recorded. The team is told and decides.");

    /// <summary>Form fields <c>disputeId</c>, <c>decision</c> (accept, reject), <c>reason</c> and, on accepting,
    /// <c>impactStatement</c> (the wording to publish).</summary>
    public Task<IActionResult> OnPostDecideDisputeAsync(long id, long disputeId, string? decision, string? reason,
        string? impactStatement, [FromServices] DecideDispute decide, CancellationToken ct) =>
        ActAsync(id, actor =>
        {
            var accept = Vigil.Web.Reports.DisputesEndpoints.Accepts(decision);
            return decide.ExecuteAsync(id, disputeId, actor, accept, reason,
                accept && !string.IsNullOrWhiteSpace(impactStatement) ? impactStatement : null, ct);
        }, ct, "The decision is recorded. The maintainers and the reporter are told.");

    public Task<IActionResult> OnPostPublishVexAsync(long id, long disputeId, [FromServices] PublishVex publish,
        [FromServices] IOptions<ServerOptions> server, CancellationToken ct) =>
        ActAsync(id, actor => publish.ExecuteAsync(id, disputeId, actor, PublicUrl.Of(Request, server.Value), ct), ct,
            "The VEX document is public, linked from the package page and the advisory.");

    /// <summary>Whether the viewer may open a dispute now: an invited maintainer, on an accepted or published report,
    /// with no dispute waiting for the team.</summary>
    public bool ViewerMayDispute => Report is { ViewerRole: "maintainer" } report
        && Enum.GetValues<ReportState>().Any(s => s.Name() == report.State && ReportDisputes.CanOpen(s))
        && (report.Disputes ?? []).All(d => d.State != "pending");

    private static Dictionary<string, (string, string)> DisputeFieldsOf(string? form) => form switch
    {
        "Dispute" => new()
        {
            ["justification"] = ("dispute-justification", "Why not affected"),
            ["impactStatement"] = ("dispute-statement", "Impact statement"),
            ["versions"] = ("dispute-versions-0", "Versions"),
        },
        "DecideDispute" => new()
        {
            ["decision"] = ("decide-decision", "Decision"),
            ["reason"] = ("decide-reason", "Reason"),
            ["impactStatement"] = ("decide-statement", "Statement to publish"),
        },
        _ => new(),
    };

    /// <summary><c>versions[NAME]</c> of the dispute form: the package's versions input.</summary>
    private (string, string)? DisputeVersionsField(string name)
    {
        if (!name.StartsWith("versions[", StringComparison.Ordinal) || Report is not { } report)
        {
            return null;
        }
        var package = name["versions[".Length..^1];
        var index = report.Packages.ToList().FindIndex(p => p.Name == package);
        return index < 0 ? null : ($"dispute-versions-{index}", $"Versions of {package}");
    }
}
