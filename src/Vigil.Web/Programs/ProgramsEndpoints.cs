using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Accounts;
using Vigil.Core.Programs;
using Vigil.Web.Accounts;
using Vigil.Web.Operations;

namespace Vigil.Web.Programs;

/// <summary>
/// Program administration (docs/administration.md): programs, their policy, team, package maintainers and
/// webhook endpoints. Authorization is <see cref="ProgramAdminAccess"/>'s: whoever may not manage a
/// program — anonymous callers included, as on the reports API — gets 404. API tokens need the
/// <c>admin</c> scope.
/// </summary>
public static class ProgramsEndpoints
{
    public static IEndpointRouteBuilder MapProgramsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/programs").WithTags("Programs").RequireTokenScope(TokenScope.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", async (HttpContext context, ListPrograms list, CancellationToken ct) =>
            TypedResults.Ok(await list.ExecuteAsync(ApiActor.From(context), ct)));
        group.MapPost("", CreateAsync).Accepts<CreateProgramBody>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{slug}", (string slug, HttpContext context, GetProgramAdmin get, CancellationToken ct) =>
            Show(get, slug, context, ct));
        group.MapGet("/{slug}/workload",
            async (string slug, HttpContext context, GetProgramWorkload get, CancellationToken ct) =>
                TypedResults.Ok(await get.ExecuteAsync(slug, ApiActor.From(context), ct)));
        group.MapPatch("/{slug}", UpdateAsync).Accepts<ProgramPolicyBody>("application/json")
            .ProducesValidationProblem();
        group.MapPost("/{slug}/members",
            async (string slug, MemberBody body, HttpContext context, AddProgramMember add, CancellationToken ct) =>
            {
                await add.ExecuteAsync(slug, ApiActor.From(context), body.Email, body.Role, ct);
                return TypedResults.NoContent();
            })
            .Accepts<MemberBody>("application/json").ProducesValidationProblem();
        group.MapDelete("/{slug}/members/{userId:guid}",
            async (string slug, Guid userId, HttpContext context, RemoveProgramMember remove, CancellationToken ct) =>
            {
                await remove.ExecuteAsync(slug, ApiActor.From(context), userId, ct);
                return TypedResults.NoContent();
            });
        group.MapPost("/{slug}/maintainers", AddMaintainerAsync).Accepts<MaintainerBody>("application/json")
            .ProducesValidationProblem();
        group.MapDelete("/{slug}/maintainers/{id:long}",
            async (string slug, long id, HttpContext context, RemovePackageMaintainer remove, CancellationToken ct) =>
            {
                await remove.ExecuteAsync(slug, ApiActor.From(context), id, ct);
                return TypedResults.NoContent();
            });
        group.MapPut("/{slug}/intake-addresses", SetIntakeAddressesAsync)
            .Accepts<IntakeAddressesBody>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{slug}/openpgp-key",
            async (string slug, HttpContext context, GetProgramOpenPgpKey get, CancellationToken ct) =>
                TypedResults.Ok(await get.ExecuteAsync(slug, ApiActor.From(context), ct)));
        group.MapPut("/{slug}/openpgp-key",
            async (string slug, OpenPgpKeyBody body, HttpContext context, SetProgramOpenPgpKey set,
                CancellationToken ct) =>
                TypedResults.Ok(await set.ExecuteAsync(slug, ApiActor.From(context), body.SecretKey, body.Passphrase,
                    ct)))
            .Accepts<OpenPgpKeyBody>("application/json").ProducesValidationProblem();
        group.MapDelete("/{slug}/openpgp-key",
            async (string slug, HttpContext context, RemoveProgramOpenPgpKey remove, CancellationToken ct) =>
            {
                await remove.ExecuteAsync(slug, ApiActor.From(context), ct);
                return TypedResults.NoContent();
            });
        group.MapPost("/{slug}/webhooks", AddWebhookAsync).Accepts<WebhookBody>("application/json")
            .ProducesValidationProblem();
        group.MapDelete("/{slug}/webhooks/{id:long}",
            async (string slug, long id, HttpContext context, RemoveWebhookEndpoint remove, CancellationToken ct) =>
            {
                await remove.ExecuteAsync(slug, ApiActor.From(context), id, ct);
                return TypedResults.NoContent();
            });
        return app;
    }

    public static async Task<Created<ProgramAdminView>> CreateAsync(
        CreateProgramBody body, HttpContext context, CreateProgram create, GetProgramAdmin get,
            CancellationToken cancellationToken)
    {
        var actor = ApiActor.From(context);
        var program =
            await create.ExecuteAsync(actor, body.Slug, body.Name, body.AdvisoryIdPrefix, body.ToSettings(),
                cancellationToken);
        return TypedResults.Created($"/api/programs/{program.Slug}",
            await get.ExecuteAsync(program.Slug, actor, cancellationToken));
    }

    public static async Task<Ok<ProgramAdminView>> UpdateAsync(
        string slug, ProgramPolicyBody body, HttpContext context, UpdateProgramPolicy update, GetProgramAdmin get,
            CancellationToken cancellationToken)
    {
        var actor = ApiActor.From(context);
        await update.ExecuteAsync(slug, actor, body.ToSettings(), cancellationToken);
        return TypedResults.Ok(await get.ExecuteAsync(slug, actor, cancellationToken));
    }

    public static async Task<Created<MaintainerCreatedBody>> AddMaintainerAsync(
        string slug, MaintainerBody body, HttpContext context, AddPackageMaintainer add,
            CancellationToken cancellationToken)
    {
        var maintainer =
            await add.ExecuteAsync(slug, ApiActor.From(context), body.Ecosystem, body.Name, body.Email,
                body.AccountEmail, cancellationToken);
        return TypedResults.Created($"/api/programs/{slug}/maintainers/{maintainer.Id}",
            new MaintainerCreatedBody(maintainer.Id));
    }

    /// <summary>The answer holds the endpoint's signing secret: this once, never again.</summary>
    public static async Task<Created<CreatedWebhookEndpoint>> AddWebhookAsync(
        string slug, WebhookBody body, HttpContext context, AddWebhookEndpoint add, CancellationToken cancellationToken)
    {
        var created = await add.ExecuteAsync(slug, ApiActor.From(context), body.Url, body.Events, cancellationToken);
        return TypedResults.Created($"/api/programs/{slug}/webhooks/{created.Endpoint.Id}", created);
    }

    public static async Task<Ok<IntakeAddressesBody>> SetIntakeAddressesAsync(
        string slug, IntakeAddressesBody body, HttpContext context, SetIntakeAddresses set,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new IntakeAddressesBody(
            await set.ExecuteAsync(slug, ApiActor.From(context), body.Addresses, cancellationToken)));

    private static async Task<Ok<ProgramAdminView>> Show(GetProgramAdmin get, string slug, HttpContext context,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await get.ExecuteAsync(slug, ApiActor.From(context), cancellationToken));
}
