using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Authorization;

/// <summary>
/// The most powerful account there is — instance administrator, admin of program npm-eco, two-factor on — with a
/// token of each scope, a report still new in its queue, and every endpoint and page handler of the running app
/// taken from its <see cref="EndpointDataSource"/>, so a new one is swept without anyone listing it.
/// </summary>
public sealed class BoundaryWorld
{
    public const string Email = "chief@example.test";
    public const string Password = "a long enough password";

    private BoundaryWorld(WebTest test) => Test = test;

    public WebTest Test { get; }
    public Guid ChiefId { get; private set; }
    public string AuthenticatorKey { get; private set; } = "";
    public long ReportId { get; private set; }
    public long AttachmentId { get; private set; }
    public long SpareTokenId { get; private set; }

    /// <summary>One token per scope, and one with all of them.</summary>
    public Dictionary<string, string> Tokens { get; } = [];

    public static CancellationToken Ct => WebTest.Ct;

    public static async Task<BoundaryWorld> BuildAsync(WebTest test)
    {
        var world = new BoundaryWorld(test);
        using var scope = test.Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<VigilDbContext>();
        var users = services.GetRequiredService<UserManager<VigilUser>>();
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        var chief = new VigilUser { UserName = Email, Email = Email, EmailConfirmed = true, IsInstanceAdmin = true };
        Assert.True((await users.CreateAsync(chief, Password)).Succeeded);
        await users.ResetAuthenticatorKeyAsync(chief);
        world.AuthenticatorKey = (await users.GetAuthenticatorKeyAsync(chief))!;
        await users.SetTwoFactorEnabledAsync(chief, true);
        world.ChiefId = chief.Id;
        await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("npm-eco", chief.Id, ProgramRole.Admin, Ct);
        var tokens = new ApiTokens(db, TimeProvider.System);
        foreach (var scopes in new[] { new[] { ApiScopes.ReportsRead }, [ApiScopes.ReportsWrite], [ApiScopes.Admin],
            [.. ApiScopes.All] })
        {
            world.Tokens[string.Join('+', scopes)] = (await tokens.CreateAsync(chief.Id, string.Join('+', scopes),
                scopes, null, Ct)).Secret;
        }
        world.SpareTokenId = (await tokens.CreateAsync(chief.Id, "spare", [ApiScopes.ReportsRead], null, Ct)).Info.Id;
        var submitted = await services.GetRequiredService<SubmitReport>()
            .ExecuteAsync("npm-eco", new SubmitReportRequest(
                [new ReportPackageInput("npm", "deep-merge", "<=1.4.1")], "Boundary title", "Boundary description",
                Attachments: [new Vigil.Core.Attachments.AttachmentUpload("poc.txt", "proof\n"u8.ToArray())]),
            Actor.Anonymous, Ct);
        world.ReportId = submitted.Id;
        world.AttachmentId = (await services.GetRequiredService<GetReport>()
            .ExecuteAsync(submitted.Id, Actor.User(chief.Id, true, true), Ct)).Attachments[0].Id;
        return world;
    }

    public async Task<ReportState> ReportStateAsync()
    {
        await using var db = Test.OpenDatabase();
        return db.Reports.Single(r => r.Id == ReportId).State;
    }

    /// <summary>A browser session of the chief, signed in with password and authenticator code (so it has
    /// <c>amr=mfa</c>).</summary>
    public Task<AccountSession> SignInAsync() =>
        AccountSession.SignInAsync(Test.Factory, Email, Password, AuthenticatorKey);

    /// <summary>One way into the app: a route with one HTTP method, and for pages the handler's name.</summary>
    public sealed record Door(string Method, string Path, bool IsPage, string? Handler, RouteEndpoint Endpoint)
    {
        public string Url => Handler is null ? Path : $"{Path}?handler={Handler}";

        public override string ToString() => $"{Method} {Url}";
    }

    /// <summary>Every endpoint of the app with each of its methods; pages once per handler.</summary>
    public async Task<IReadOnlyList<Door>> DoorsAsync()
    {
        var doors = new List<Door>();
        var loader = Test.Factory.Services.GetRequiredService<PageLoader>();
        foreach (var endpoint in Test.Factory.Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>())
        {
            var path = Fill(endpoint.RoutePattern);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    doors.Add(new Door(handler.HttpMethod.ToUpperInvariant(), path, true, handler.Name, endpoint));
                }
                continue;
            }
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                doors.Add(new Door(method, path, false, null, endpoint));
            }
        }
        return doors;
    }

    private string Fill(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Value(parameter.Name),
            _ => throw new InvalidOperationException($"{pattern.RawText}: unknown route part"),
        })));
        return "/" + string.Join('/', segments);
    }

    /// <summary>A value for each route parameter the app has; a new name fails the sweep until it is given one
    /// here.</summary>
    private string Value(string parameter) => parameter switch
    {
        "id" => ReportId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "attachmentId" => AttachmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "slug" => "npm-eco",
        "userId" => ChiefId.ToString(),
        "ecosystem" => "npm",
        "name" or "path" => "deep-merge",
        "scope" => "@types",
        "handle" => "nobody",
        "advisoryId" => "NPMSEC-2026-1",
        "documentName" => "v1",
        "participantId" or "invitationId" or "replyId" or "disputeId" => "1",
        _ =>
            throw new InvalidOperationException(
                $"The sweep has no value for route parameter '{{{parameter}}}': add one to BoundaryWorld.Value."),
    };

    /// <summary>Sends <paramref name="door"/> as a script would: a JSON body for writes, the bearer token if given, the
    /// extra headers.</summary>
    public static async Task<(int Status, string Body, string? Location)> SendAsync(HttpClient client, Door door,
        string? bearer = null,
        IReadOnlyDictionary<string, string>? headers = null, string? antiforgery = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(door.Method), door.Url);
        if (door.Method is not ("GET" or "HEAD" or "DELETE"))
        {
            var multipart = door.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes
                .Contains("multipart/form-data") == true;
            request.Content = antiforgery is not null
                ? new FormUrlEncodedContent(
                    new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery })
                : multipart
                ? new MultipartFormDataContent { { new ByteArrayContent("sweep\n"u8.ToArray()), "file", "sweep.txt" } }
                : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(request, Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct),
            response.Headers.Location?.OriginalString);
    }

    /// <summary>The antiforgery token of the page at <paramref name="path"/> as <paramref name="client"/> sees it, if
    /// it shows a form.</summary>
    public static async Task<string?> AntiforgeryAsync(HttpClient client, string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        using var response = await client.SendAsync(request, Ct);
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Ct), Ct);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
    }
}
