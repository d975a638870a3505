using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Bounties;
using Vigil.Core.Community;
using Vigil.Core.Errors;
using Vigil.Web.Accounts;
using Vigil.Web.Operations;

namespace Vigil.Web.Bounties;

public sealed record AwardBody(
    string? Severity, decimal? FinderAmount, decimal? FixerAmount, Guid? FixerUserId, string? Reason);

public sealed record PaidBody(string? Recipient, DateOnly? PaidOn);

public sealed record VisibilityBody(bool? ShowPublicly);

/// <summary>
/// Bounties (docs/bounties.md): the program's bounty table (public to read, program admins write), the award on
/// a report (team), its payment state (team: paid; recipient: declined, shown publicly) and the payout CSV.
/// Vigil records amounts only; it calls no payment provider.
/// </summary>
public static class BountiesEndpoints
{
    public const string CsvType = "text/csv; charset=utf-8";

    public static IEndpointRouteBuilder MapBountiesEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api")
            .WithTags("Bounties")
            .RequireTokenScope(TokenScope.Public)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/programs/{slug}/bounty-table", async (string slug, GetBountyTable get, CancellationToken ct) =>
            await get.ExecuteAsync(slug, ct) is { } table
                ? Results.Ok(table)
                : Results.Problem(statusCode: 404, detail: $"The program '{slug}' offers no bounty."));

        var admin = api.MapGroup("/programs/{slug}").RequireTokenScope(TokenScope.Admin);
        admin.MapPut("/bounty-table", async (string slug, BountyTableInput body, HttpContext context,
            SetBountyTable set, CancellationToken ct) =>
            TypedResults.Ok(await set.ExecuteAsync(slug, ApiActor.From(context), body, ct)))
            .ProducesValidationProblem();
        admin.MapDelete("/bounty-table", async (string slug, HttpContext context, SetBountyTable set,
            CancellationToken ct) =>
        {
            await set.RemoveAsync(slug, ApiActor.From(context), ct);
            return TypedResults.NoContent();
        });
        admin.MapGet("/bounties/payouts.csv", async (string slug, string? state, HttpContext context,
            ExportPayouts export, CancellationToken ct) =>
            Csv(await export.ExecuteAsync(slug, ApiActor.From(context), state, ct), $"{slug}-payouts.csv"))
            .ProducesValidationProblem();

        var reports = api.MapGroup("/reports/{id:long}/bounty").RequireTokenScope(TokenScope.Reports)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();
        reports.MapGet("", async (long id, HttpContext context, GetReportBounty get, CancellationToken ct) =>
            TypedResults.Ok(await get.ExecuteAsync(id, ApiActor.From(context), ct)));
        reports.MapPut("", async (long id, AwardBody body, HttpContext context, AwardBounty award, GetReportBounty get,
            CancellationToken ct) =>
        {
            var actor = ApiActor.From(context);
            await award.ExecuteAsync(id, actor,
                new AwardInput(body.Severity, body.FinderAmount, body.FixerAmount, body.FixerUserId, body.Reason), ct);
            return TypedResults.Ok(await get.ExecuteAsync(id, actor, ct));
        });
        reports.MapDelete("", async (long id, HttpContext context, AwardBounty award, CancellationToken ct) =>
        {
            await award.CancelAsync(id, ApiActor.From(context), ct);
            return TypedResults.NoContent();
        });
        reports.MapPost("/paid", async (long id, PaidBody body, HttpContext context, BountyPayments payments,
            CancellationToken ct) =>
        {
            await payments.MarkPaidAsync(id, ApiActor.From(context), Recipient(body.Recipient), body.PaidOn, ct);
            return TypedResults.NoContent();
        });
        reports.MapPost("/decline", async (long id, HttpContext context, BountyPayments payments,
            CancellationToken ct) =>
        {
            await payments.DeclineAsync(id, ApiActor.From(context), ct);
            return TypedResults.NoContent();
        });
        reports.MapPost("/visibility", async (long id, VisibilityBody body, HttpContext context,
            BountyPayments payments, CancellationToken ct) =>
        {
            await payments.SetVisibilityAsync(
                id, ApiActor.From(context), body.ShowPublicly ?? throw Missing("showPublicly"), ct);
            return TypedResults.NoContent();
        });
        api.MapGet("/me/bounties", async (HttpContext context, ListMyBounties list, CancellationToken ct) =>
            TypedResults.Ok(await list.ExecuteAsync(ApiActor.From(context), ct))).RequireTokenScope(TokenScope.Reports);
        return app;
    }

    public static FileContentHttpResult Csv(string csv, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(csv), CsvType, fileName);

    public static BountyRecipient Recipient(string? value) =>
        BountyNames.TryParseRecipient(value, out var recipient) ? recipient
        : throw new ValidationFailedException($"recipient: '{value}' is not a recipient.",
            new Dictionary<string, string[]> { ["recipient"] = ["finder or fixer."] });

    private static ValidationFailedException Missing(string field) =>
        new($"'{field}' is required.", new Dictionary<string, string[]> { [field] = ["required."] });
}
