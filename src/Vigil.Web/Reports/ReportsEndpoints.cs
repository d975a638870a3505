using System.Text.Json;
using Vigil.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Cve;
using Vigil.Core.Errors;
using Vigil.Core.ExtensionVotes;
using Vigil.Core.Reports;
using Vigil.Web.Operations;

namespace Vigil.Web.Reports;

/// <summary>
/// The disclosure program's JSON API (docs/disclosure.md): intake, the participant's view, the conversation
/// and the team's moves. Every report endpoint answers 404 to a caller who may not see the report.
/// </summary>
public static class ReportsEndpoints
{
    public static IEndpointRouteBuilder MapReportsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Reports").RequireTokenScope(TokenScope.Reports);
        group.MapPost("/programs/{slug}/reports", SubmitAsync).Accepts<SubmitReportBody>("application/json")
            .RequireIntakeLimit()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        group.MapGet("/programs/{slug}/queue", QueueAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/reports/{id:long}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/reports/{id:long}/comments", CommentAsync).Accepts<CommentBody>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesValidationProblem();
        Team(
            group.MapPost("/reports/{id:long}/accept",
            (long id, HttpContext context, TriageReport triage, CancellationToken ct) =>
            Done(triage.AcceptAsync(id, ApiActor.From(context), ct))));
        Team(group.MapPost("/reports/{id:long}/reject", RejectAsync).Accepts<RejectBody>("application/json"));
        Team(
            group.MapPost("/reports/{id:long}/needs-information",
            (long id, QuestionBody body, HttpContext context, TriageReport triage, CancellationToken ct) =>
            Done(triage.AskForInformationAsync(id, ApiActor.From(context), body.Question ?? "", ct)))
                .Accepts<QuestionBody>("application/json"));
        Team(group.MapPost("/programs/{slug}/reports/bulk", BulkAsync).Accepts<BulkTriageBody>("application/json"));
        Team(
            group.MapPost("/reports/{id:long}/duplicates/merge", MergeDuplicatesAsync)
            .Accepts<MergeDuplicatesBody>("application/json"));
        Team(group.MapPost("/reports/{id:long}/maintainers", InviteAsync).Accepts<InviteBody>("application/json"));
        group.MapPost("/reports/{id:long}/invitation",
            (long id, InvitationBody body, HttpContext context, AcceptInvitation accept, CancellationToken ct) =>
                Done(accept.ExecuteAsync(id, ApiActor.From(context), body.Token ?? "", ct)))
                    .Accepts<InvitationBody>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/reports/{id:long}/participants",
            async (long id, HttpContext context, ListParticipants list, CancellationToken ct) =>
                TypedResults.Ok(await list.ExecuteAsync(id, ApiActor.From(context), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound);
        Team(
            group.MapDelete("/reports/{id:long}/participants/{participantId:long}",
            (long id, long participantId, HttpContext context, RemoveParticipant remove, CancellationToken ct) =>
            Done(remove.ExecuteAsync(id, ApiActor.From(context), participantId, ct))));
        Team(
            group.MapDelete("/reports/{id:long}/invitations/{invitationId:long}",
            (long id, long invitationId, HttpContext context, RevokeInvitation revoke, CancellationToken ct) =>
            Done(revoke.ExecuteAsync(id, ApiActor.From(context), invitationId, ct))));
        group.MapGet("/me/reports", async (HttpContext context, ListMyReports list, CancellationToken ct) =>
            TypedResults.Ok(await list.ExecuteAsync(ApiActor.From(context), ct)));
        Team(
            group.MapPost("/reports/{id:long}/fix-started",
            (long id, HttpContext context, AdvanceReport advance, CancellationToken ct) =>
            Done(advance.StartFixAsync(id, ApiActor.From(context), ct))));
        Team(
            group.MapPost("/reports/{id:long}/fixed",
            (long id, FixedBody body, HttpContext context, AdvanceReport advance, CancellationToken ct) =>
            Done(
                advance.MarkFixedAsync(id, ApiActor.From(context), body.FixedVersions ?? [], ct,
                body.ConfirmNarrowerRange))).Accepts<FixedBody>("application/json"));
        Team(
            group.MapPost("/reports/{id:long}/disclosure-date",
            (long id, DisclosureDateBody body, HttpContext context, SetDisclosureDate set, CancellationToken ct) =>
            Done(set.ExecuteAsync(id, ApiActor.From(context), body.Date ?? throw Missing("date"), ct)))
                .Accepts<DisclosureDateBody>("application/json"));
        // The dry run of publishing (a read scope is enough; it changes nothing), then the publication itself,
        // which takes the previewed revision so that a report changed in between is not published.
        Team(group.MapGet("/reports/{id:long}/publication", PreviewPublicationAsync));
        Team(group.MapPost("/reports/{id:long}/publish", PublishAsync).Accepts<PublishBody>("application/json"));
        Team(
            group.MapPost("/reports/{id:long}/extension",
            (long id, ExtensionRequestBody body, HttpContext context, RequestExtension request, CancellationToken ct) =>
            Done(
                request.ExecuteAsync(id, ApiActor.From(context), body.Reason ?? "",
                body.ProposedDueAt ?? throw Missing("proposedDueAt"), ct)))
                .Accepts<ExtensionRequestBody>("application/json"));
        Team(
            group.MapPost("/reports/{id:long}/extension/ballot",
            (long id, BallotBody body, HttpContext context, CastExtensionVote cast, CancellationToken ct) =>
            Done(cast.ExecuteAsync(id, ApiActor.From(context), body.InFavour ?? throw Missing("inFavour"), ct)))
                .Accepts<BallotBody>("application/json"));
        Team(
            group.MapPost("/reports/{id:long}/withdraw",
            (long id, ReasonBody body, HttpContext context, WithdrawReport withdraw, CancellationToken ct) =>
            Done(withdraw.ExecuteAsync(id, ApiActor.From(context), body.Reason ?? "", ct)))
                .Accepts<ReasonBody>("application/json"));
        Team(group.MapPost("/reports/{id:long}/cve", CveAsync).Accepts<CveBody>("application/json"));
        Team(
            group.MapPut("/reports/{id:long}/credits",
            (long id, CreditsBody body, HttpContext context, ReportCredits credits, CancellationToken ct) =>
            Done(credits.SetAsync(id, ApiActor.From(context), body.Credits ?? [], body.References ?? [], ct)))
                .Accepts<CreditsBody>("application/json"));
        group.MapPost("/reports/{id:long}/credits/decline",
            (long id, HttpContext context, ReportCredits credits, CancellationToken ct) =>
                Done(credits.DeclineAsync(id, ApiActor.From(context), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/reports/{id:long}/credits/anonymous",
            (long id, AnonymousCreditBody body, HttpContext context, ReportCredits credits, CancellationToken ct) =>
                Done(credits.SetAnonymousAsync(id, ApiActor.From(context), body.Anonymous, ct)))
            .Accepts<AnonymousCreditBody>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        Team(
            group.MapPost("/reports/{id:long}/release",
            (long id, HttpContext context, ReleaseFromReview release, CancellationToken ct) =>
            Done(release.ExecuteAsync(id, ApiActor.From(context), ct))));
        Team(
            group.MapGet("/reports/{id:long}/cve-record",
            async (long id, HttpContext context, ExportCveRecord export, IOptions<CveOptions> options,
            CancellationToken ct) =>
            TypedResults.Json(await export.ExecuteAsync(id, ApiActor.From(context), options.Value, ct))));
        return app;
    }

    public static async Task<NoContent> CveAsync(long id, CveBody body, HttpContext context, AssignCve assign,
        CancellationToken cancellationToken)
    {
        var actor = ApiActor.From(context);
        switch (body.Action)
        {
            case "request": await assign.RequestAsync(id, actor, cancellationToken); break;
            case "reserve": await assign.ReserveFromBlockAsync(id, actor, cancellationToken); break;
            case "record": await assign.RecordAsync(id, actor, body.CveId ?? "", cancellationToken); break;
            default:
                throw new ValidationFailedException($"'{body.Action}' is not a CVE action.",
                    new Dictionary<string, string[]> { ["action"] = ["one of request, reserve, record."] });
        }
        return TypedResults.NoContent();
    }

    /// <summary>
    /// An e-mail invitation's link is in the answer once, for the inviter to pass on when e-mail is not set up.
    /// </summary>
    public static async Task<Created<InvitationCreatedBody>> InviteAsync(
        long id, InviteBody body, HttpContext context, InviteMaintainer invite, InvitationLinks links,
            CancellationToken cancellationToken)
    {
        var invitation =
            await invite.ExecuteAsync(id, ApiActor.From(context), body.UserId, body.Email, cancellationToken);
        return TypedResults.Created($"/api/reports/{id}",
            new InvitationCreatedBody(invitation.Participant.Id,
                invitation.Token is { } token ? links.For(context.Request, id, token).AbsoluteUri : null));
    }

    public static async Task<Created<SubmittedReportBody>> SubmitAsync(
        string slug, SubmitReportBody body, HttpContext context, SubmitReport submit,
            CancellationToken cancellationToken)
    {
        var submitted = await submit.ExecuteAsync(slug, body.ToRequest(), ApiActor.From(context), cancellationToken);
        var url = $"/api/reports/{submitted.Id}";
        // The token is in this body only: never in a header, a URL or a log line.
        return TypedResults.Created(url,
            new SubmittedReportBody(submitted.Id, url, submitted.FollowUpToken, submitted.TriageDueAt,
            submitted.HeldForReview));
    }

    public static async Task<Ok<ReportView>> GetAsync(long id, HttpContext context, GetReport get,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await get.ExecuteAsync(id, ApiActor.From(context), cancellationToken));

    public static async Task<Ok<IReadOnlyList<QueueItem>>> QueueAsync(string slug, HttpContext context,
        ListTriageQueue queue, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queue.ExecuteAsync(slug, ApiActor.From(context), cancellationToken));

    public static async Task<Created<CommentCreatedBody>> CommentAsync(
        long id, CommentBody body, HttpContext context, CommentOnReport comment, CancellationToken cancellationToken)
    {
        var eventId =
            await comment.ExecuteAsync(id, ApiActor.From(context), body.Text ?? "", body.Internal, cancellationToken);
        return TypedResults.Created($"/api/reports/{id}", new CommentCreatedBody(eventId));
    }

    public static async Task<NoContent> RejectAsync(long id, RejectBody body, HttpContext context, TriageReport triage,
        CancellationToken cancellationToken)
    {
        if (!ReportStates.TryParseReason(body.Reason, out var reason))
        {
            throw new ValidationFailedException($"'{body.Reason}' is not a rejection reason.",
                new Dictionary<string, string[]>
                {
                    ["reason"] = ["one of not-applicable, informative, duplicate, spam."]
                });
        }
        await triage.RejectAsync(id, ApiActor.From(context), reason, body.DuplicateOf, body.Note, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<BulkTriagedBody>> BulkAsync(string slug, BulkTriageBody body, HttpContext context,
        TriageMany triage,
        CancellationToken cancellationToken)
    {
        var action = body.Action switch
        {
            "reject" => BulkTriage.Reject,
            "needs-information" => BulkTriage.AskForInformation,
            _ => throw new ValidationFailedException($"'{body.Action}' is not a bulk action.",
                new Dictionary<string, string[]> { ["action"] = ["one of reject, needs-information."] }),
        };
        RejectionReason? reason = null;
        if (action == BulkTriage.Reject)
        {
            reason = ReportStates.TryParseReason(body.Reason, out var parsed) ? parsed
                : throw new ValidationFailedException($"'{body.Reason}' is not a rejection reason.",
                    new Dictionary<string, string[]> { ["reason"] = ["one of not-applicable, informative, spam."] });
        }
        var done =
            await triage.ExecuteAsync(slug, ApiActor.From(context), body.Ids ?? [], action, reason, body.Text,
                cancellationToken);
        return TypedResults.Ok(new BulkTriagedBody(done));
    }

    public static async Task<Ok<MergedDuplicates>> MergeDuplicatesAsync(long id, MergeDuplicatesBody? body,
        HttpContext context, MergeDuplicates merge,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(
            await merge.ExecuteAsync(id, ApiActor.From(context), body?.Members, body?.Note, cancellationToken));

    public static async Task<Ok<PublicationPreviewBody>> PreviewPublicationAsync(
        long id, HttpContext context, PreviewPublication preview, CancellationToken cancellationToken)
    {
        var shown = await preview.ExecuteAsync(id, ApiActor.From(context), cancellationToken);
        return TypedResults.Ok(new PublicationPreviewBody(
            shown.ReportId,
            shown.Revision,
            shown.ExpectedId,
            JsonSerializer.SerializeToElement(shown.Advisory, OsvJson.Options),
            shown.CveId,
            shown.DisclosureAt,
            shown.PublicationDueAt,
            [.. shown.Warnings.Select(w => new PublicationWarningBody(w.Code, w.Text, w.Package))]));
    }

    public static async Task<Ok<PublishedBody>> PublishAsync(long id, PublishBody? body, HttpContext context,
        PublishReport publish, CancellationToken cancellationToken)
    {
        var published =
            await publish.ExecuteAsync(id, ApiActor.From(context), cancellationToken, body?.Revision);
        return TypedResults.Ok(new PublishedBody(published.Id, $"/advisories/{Uri.EscapeDataString(published.Id)}"));
    }

    private static RouteHandlerBuilder Team(RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesValidationProblem();

    private static async Task<NoContent> Done(Task action)
    {
        await action;
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Done<T>(Task<T> action)
    {
        await action;
        return TypedResults.NoContent();
    }

    private static ValidationFailedException Missing(string field) =>
        new($"'{field}' is required.", new Dictionary<string, string[]> { [field] = ["required."] });
}
