using Vigil.Web.Accounts;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Vigil.Core.Community;
using Vigil.Core.Errors;
using Vigil.Core.Data;
using Vigil.Core.Mail;
using Vigil.Core.Programs;
using Vigil.Web.Compat;
using Vigil.Web.Pages;

namespace Vigil.Web.Community;

/// <summary>
/// Public, read-only: badges (<c>/badges/{ecosystem}/{name}/policy.svg</c>, <c>…/advisories.svg</c>),
/// <c>/.well-known/security.txt</c>, a program's SECURITY.md download, and their JSON API twins
/// (docs/community.md). Nothing here reads a report's text; metrics are counts only.
/// </summary>
public static class CommunityEndpoints
{
    public const string MarkdownType = "text/markdown; charset=utf-8";

    public static IEndpointRouteBuilder MapCommunityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/badges/{ecosystem}/{**path}", BadgeAsync).WithTags("Community");
        app.MapGet("/.well-known/security.txt", SecurityTxt.Get).WithTags("Community");
        app.MapGet("/pgp-key.txt", (MailKey key) => key.PublicKey is { } armored
            ? Results.Text(armored, "text/plain; charset=utf-8")
            : Results.NotFound()).WithTags("Community");
        app.MapGet("/programs/{slug}/pgp-key.txt", ProgramKeyAsync).WithTags("Community");
        app.MapGet("/programs/{slug}/SECURITY.md", async (string slug, HttpRequest request, GetSecurityPolicy policy,
            IOptions<ServerOptions> server, IOptions<CommunityOptions> community, MailKey key, CancellationToken ct) =>
            Download(await policy.ExecuteAsync(
                slug, null, null, Contacts(request, server.Value, community.Value, key), ct)));

        var api = app.MapGroup("/api").WithTags("Community").RequireTokenScope(TokenScope.Public);
        api.MapGet("/programs/{slug}/security-md", async (string slug, string? ecosystem, string? package,
            HttpRequest request, GetSecurityPolicy policy, IOptions<ServerOptions> server,
            IOptions<CommunityOptions> community, MailKey key, CancellationToken ct) =>
            TypedResults.Text(await policy.ExecuteAsync(slug, ecosystem, package,
                Contacts(request, server.Value, community.Value, key), ct), MarkdownType))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        api.MapGet("/programs/{slug}/metrics", async (string slug, GetProgramMetrics metrics, CancellationToken ct) =>
            TypedResults.Ok(await metrics.ExecuteAsync(slug, ct))).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/badges/{ecosystem}/{**name}", async (string ecosystem, string name, GetPackageBadges badges,
            CancellationToken ct) =>
            TypedResults.Ok(BadgeBody.From(await badges.ExecuteAsync(ecosystem, PageLinks.RouteName(name), ct))));
        return app;
    }

    public static SecurityPolicyContacts Contacts(
        HttpRequest request, ServerOptions server, CommunityOptions community, MailKey key) =>
        new(PublicUrl.Of(request, server),
            string.IsNullOrWhiteSpace(community.ContactEmail) ? null : community.ContactEmail.Trim(),
            key.FingerprintForPeople);

    /// <summary>A program's own OpenPGP key for its mail intake (docs/email.md); 404 when it has none.</summary>
    private static async Task<IResult> ProgramKeyAsync(string slug, VigilDbContext db, CancellationToken ct)
    {
        var program = await db.Programs.AsNoTracking().Where(p => p.Slug == slug).Select(p => (long?)p.Id)
            .SingleOrDefaultAsync(ct);
        return program is { } id && await ProgramOpenPgpKeyView.FindAsync(db, id, ct) is { } key
            ? Results.Text(key.PublicKey, "text/plain; charset=utf-8")
            : Results.NotFound();
    }

    public static FileContentHttpResult Download(string markdown) =>
        TypedResults.File(Encoding.UTF8.GetBytes(markdown), MarkdownType, "SECURITY.md");

    /// <summary>
    /// The catch-all carries the name and the badge: <c>@scope/name/policy.svg</c> (or <c>@scope%2Fname/…</c>).
    /// </summary>
    private static async Task<IResult> BadgeAsync(
        string ecosystem, string path, HttpContext context, GetPackageBadges badges, CancellationToken ct)
    {
        path = PageLinks.RouteName(path);
        var slash = path.LastIndexOf('/');
        if (slash <= 0)
        {
            return NotABadge();
        }
        var (name, kind) = (path[..slash], path[(slash + 1)..]);
        if (kind is not ("policy.svg" or "advisories.svg"))
        {
            return NotABadge();
        }
        var facts = await badges.ExecuteAsync(ecosystem, name, ct);
        var svg = kind == "policy.svg"
            ? facts.ProgramName is { } program
                ? BadgeSvg.Render("security policy", $"covered by {program}", BadgeSvg.Green)
                : BadgeSvg.Render("security policy", "none", BadgeSvg.Grey)
            : BadgeSvg.Render("advisories", $"{facts.PublishedAdvisories} published",
                facts.PublishedAdvisories == 0 ? BadgeSvg.Green : BadgeSvg.Red);
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return NotModified(context, svg)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.File(svg, "image/svg+xml");
    }

    private static ProblemHttpResult NotABadge() => TypedResults.Problem(
        "A badge is /badges/{ecosystem}/{name}/policy.svg or /badges/{ecosystem}/{name}/advisories.svg.",
        statusCode: StatusCodes.Status404NotFound);

    /// <summary>A strong ETag of the body itself, so any change (a program's scope too) gives a new one.</summary>
    public static bool NotModified(HttpContext context, byte[] body)
    {
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
        context.Response.GetTypedHeaders().ETag = etag;
        return context.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } tags
            && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
    }
}

public sealed record BadgeProgram(string Slug, string Name);

public sealed record BadgeBody(string Ecosystem, string Name, BadgeProgram? Program, int PublishedAdvisories)
{
    public static BadgeBody From(PackageBadgeFacts facts) => new(facts.Ecosystem, facts.Name,
        facts.ProgramSlug is { } slug ? new BadgeProgram(slug, facts.ProgramName!) : null, facts.PublishedAdvisories);
}
