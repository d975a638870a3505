using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Reports;

/// <summary>A program that requires a proof of concept: intake through the API and the report form.</summary>
public class ProofOfConceptIntakeTests
{
    private static CancellationToken Ct => WebTest.Ct;

    private const string CodeBlock = "```js\nconst merge = require('deep-merge');\nmerge({}, JSON.parse(evil));\n```";
    private const string Steps = "1. Install deep-merge 1.4.1 in an empty project\n2. Merge the attached JSON into {}";
    private const string Formless = "It is exploitable, trust me: merging crafted objects pollutes everything.";

    private static string Body(string? proofOfConcept)
    {
        var body = new JsonObject
        {
            ["packages"] = new JsonArray(
                new JsonObject { ["ecosystem"] = "npm", ["name"] = "deep-merge", ["affectedVersions"] = "<=1.4.1" }),
            ["title"] = "Prototype pollution",
            ["description"] = "Crafted keys pollute the prototype.",
        };
        if (proofOfConcept is not null)
        {
            body["proofOfConcept"] = proofOfConcept;
        }
        return body.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_WithoutOrFormlessProofOfConcept_400NamingTheFieldAndNothingWritten(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);

        var (missing, missingBody) = await test.PostJsonAsync("/api/programs/npm-eco/reports", Body(null));
        var (formless, formlessBody) = await test.PostJsonAsync("/api/programs/npm-eco/reports", Body(Formless));

        Assert.Equal((400, 400), (missing, formless));
        Assert.Contains("code block", missingBody!["errors"]!["proofOfConcept"]![0]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.Contains("no code block and no numbered steps",
            formlessBody!["errors"]!["proofOfConcept"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingWrittenAsync(test);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_CodeBlockOrNumberedSteps_201(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);

        var (code, _) = await test.PostJsonAsync("/api/programs/npm-eco/reports", Body(CodeBlock));
        var (steps, _) = await test.PostJsonAsync("/api/programs/npm-eco/reports", Body(Steps));
        var (other, _) = await test.PostJsonAsync("/api/programs/other/reports", Body(null));

        Assert.Equal((201, 201, 201), (code, steps, other));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Form_ShowsTheRequirementAndTheErrorBesideTheField_AcceptsNumberedSteps(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);
        var reporter = AccountSession.For(test.Factory);

        var empty = await new HtmlParser().ParseDocumentAsync(
            await reporter.Client.GetStringAsync("/reports/new?program=npm-eco", Ct), Ct);
        var plain = await new HtmlParser().ParseDocumentAsync(
            await reporter.Client.GetStringAsync("/reports/new?program=other", Ct), Ct);
        var refused = await reporter.PostFormAsync("/reports/new", Form(Formless));
        var accepted = await reporter.PostFormAsync("/reports/new", Form(Steps));

        Assert.Equal("poc-hint", empty.QuerySelector("#poc")!.GetAttribute("aria-describedby"));
        Assert.Contains("numbered steps", empty.QuerySelector("#poc-hint")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(empty.QuerySelector("#policy-poc"));
        Assert.Null(plain.QuerySelector("#poc-hint"));
        Assert.Null(plain.QuerySelector("#policy-poc"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var page = await new HtmlParser().ParseDocumentAsync(refused.Html, Ct);
        var field = page.QuerySelector("#poc")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Equal(["poc-hint", "poc-error"], field.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Contains("no code block and no numbered steps", page.QuerySelector("#poc-error")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(Formless, field.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.NotNull(new HtmlParser().ParseDocument(accepted.Html).QuerySelector("#submitted"));
        await using var db = test.OpenDatabase();
        Assert.Equal(1, await db.Reports.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProgramPageAndSecurityMd_StateTheRequirement_OnlyWhereSet(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);
        var visitor = AccountSession.For(test.Factory);

        var strict = await new HtmlParser().ParseDocumentAsync(
            await visitor.Client.GetStringAsync("/programs/npm-eco", Ct), Ct);
        var plain = await new HtmlParser().ParseDocumentAsync(
            await visitor.Client.GetStringAsync("/programs/other", Ct), Ct);
        var strictMd = await visitor.Client.GetStringAsync("/api/programs/npm-eco/security-md", Ct);
        var plainMd = await visitor.Client.GetStringAsync("/api/programs/other/security-md", Ct);

        Assert.Contains("numbered steps", strict.QuerySelector("#proof-of-concept-rule")!.TextContent,
            StringComparison.Ordinal);
        Assert.Null(plain.QuerySelector("#proof-of-concept-rule"));
        Assert.Contains("A report needs a proof of concept", strictMd, StringComparison.Ordinal);
        Assert.DoesNotContain("proof of concept", plainMd, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Form(string proofOfConcept) => new()
    {
        ["Program"] = "npm-eco",
        ["Ecosystem"] = "npm",
        ["PackageName"] = "deep-merge",
        ["AffectedVersions"] = "<=1.4.1",
        ["Title"] = "Prototype pollution",
        ["Description"] = "Crafted keys pollute the prototype.",
        ["ProofOfConcept"] = proofOfConcept,
    };

    private static async Task AssertNothingWrittenAsync(WebTest test)
    {
        await using var db = test.OpenDatabase();
        Assert.Equal((0, 0, 0), (await db.Reports.CountAsync(Ct), await db.ReportEvents.CountAsync(Ct),
            await db.OutboxMessages.CountAsync(Ct)));
    }

    private static async Task<WebTest> StartAsync(DatabaseProvider provider)
    {
        var test = await WebTest.StartAsync(provider, seed: false);
        await using var db = test.OpenDatabase();
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"], RequireProofOfConcept: true), Ct);
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("other", "Other", "OTHER",
            new ProgramSettings(), Ct);
        return test;
    }
}
