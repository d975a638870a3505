using Vigil.Web.Accounts;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Vigil.Core.Attachments;
using Vigil.Core.Errors;
using Vigil.Core.Reports;
using Vigil.Web.Operations;
using Vigil.Web.Reports;

namespace Vigil.Web.Attachments;

/// <summary>
/// Report attachments (docs/disclosure.md, "Attachments"): upload as <c>multipart/form-data</c>, with a report
/// at intake or to an existing report, and download one file. The caller must be able to see the report
/// (404 otherwise); files are type-checked, size-limited and sealed like the report's text.
/// </summary>
public static class AttachmentsEndpoints
{
    public static IEndpointRouteBuilder MapAttachmentsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Reports").RequireTokenScope(TokenScope.Reports);
        // The same route as the JSON intake: the request's Content-Type picks this one. A request without a
        // Content-Type matches both; the later order leaves it to the JSON endpoint (415) instead of a routing
        // ambiguity, which routing reports as an exception (500) before any handler runs.
        group.MapPost("/programs/{slug}/reports", SubmitWithFilesAsync).Accepts<SubmitReportBody>("multipart/form-data")
            .RequireIntakeLimit()
            .WithOrder(1)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem().DisableAntiforgery();
        group.MapPost("/reports/{id:long}/attachments", UploadAsync).Accepts<IFormFileCollection>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesValidationProblem().DisableAntiforgery();
        group.MapGet("/reports/{id:long}/attachments/{attachmentId:long}", DownloadAsync)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// A report and its files in one request: part <c>report</c> holds the JSON body of the JSON intake, every file
    /// part is an attachment.
    /// </summary>
    public static async Task<Created<SubmittedReportBody>> SubmitWithFilesAsync(
        string slug, HttpContext context, SubmitReport submit, CancellationToken cancellationToken)
    {
        var form = await ReadFormAsync(context.Request, cancellationToken);
        if (form["report"].ToString() is not { Length: > 0 } json)
        {
            throw new ValidationFailedException("The form has no 'report' part.",
                new Dictionary<string, string[]>
                {
                    ["report"] = ["send the report's JSON (as for application/json) in a form field named 'report'."]
                });
        }
        SubmitReportBody body;
        try
        {
            body = JsonSerializer.Deserialize<SubmitReportBody>(json, JsonSerializerOptions.Web)
                ?? throw new JsonException("null is not a report.");
        }
        catch (JsonException e)
        {
            throw new ValidationFailedException("The 'report' part is not valid JSON.",
                new Dictionary<string, string[]> { ["report"] = [e.Message] });
        }
        var request = body.ToRequest() with { Attachments = await FilesAsync(form, cancellationToken) };
        var submitted = await submit.ExecuteAsync(slug, request, ApiActor.From(context), cancellationToken);
        var url = $"/api/reports/{submitted.Id}";
        return TypedResults.Created(url,
            new SubmittedReportBody(submitted.Id, url, submitted.FollowUpToken, submitted.TriageDueAt,
            submitted.HeldForReview));
    }

    public static async Task<Created<AttachmentsAddedBody>> UploadAsync(long id, HttpContext context,
        AttachToReport attach, CancellationToken cancellationToken)
    {
        var form = await ReadFormAsync(context.Request, cancellationToken);
        var internalOnly = bool.TryParse(form["internal"], out var flag) && flag;
        var ids =
            await attach.ExecuteAsync(id, ApiActor.From(context), await FilesAsync(form, cancellationToken),
                internalOnly, cancellationToken);
        return TypedResults.Created($"/api/reports/{id}", new AttachmentsAddedBody(ids));
    }

    public static async Task<FileContentHttpResult> DownloadAsync(long id, long attachmentId, HttpContext context,
        GetAttachment get, CancellationToken cancellationToken) =>
        Download(context, await get.ExecuteAsync(id, attachmentId, ApiActor.From(context), cancellationToken));

    /// <summary>
    /// Always a download, never rendered by the browser: <c>Content-Disposition: attachment</c>, text as
    /// <c>text/plain</c> whatever its extension, a sandboxing CSP and no caching by shared caches.
    /// </summary>
    public static FileContentHttpResult Download(HttpContext context, AttachmentFile file) =>
        TypedResults.File(file.Content, DownloadHeaders(context, file));

    /// <summary>
    /// Sets the download's headers (shared with the report page's link) and returns its content type. The file
    /// name goes into Content-Disposition here, not through the file result: those results log the name at
    /// Information, and an attachment's name is as private as its content.
    /// </summary>
    public static string DownloadHeaders(HttpContext context, AttachmentFile file)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(file.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        context.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
        return file.MediaType == "text/plain" ? "text/plain; charset=utf-8" : file.MediaType;
    }

    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType
            || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationFailedException($"Send the files as multipart/form-data, not '{request.ContentType}'.",
                new Dictionary<string, string[]> { ["Content-Type"] = ["multipart/form-data"] });
        }
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ValidationFailedException($"The multipart body cannot be read: {e.Message}",
                new Dictionary<string, string[]> { ["body"] = [e.Message] });
        }
    }

    public static async Task<IReadOnlyList<AttachmentUpload>> FilesAsync(IFormCollection form,
        CancellationToken cancellationToken)
    {
        var files = new List<AttachmentUpload>();
        foreach (var file in form.Files)
        {
            if (file.Length == 0 && string.IsNullOrEmpty(file.FileName))
            {
                continue; // an empty file input in a browser form
            }
            using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
            await file.CopyToAsync(buffer, cancellationToken);
            files.Add(new AttachmentUpload(file.FileName, buffer.ToArray()));
        }
        return files;
    }
}

public sealed record AttachmentsAddedBody(IReadOnlyList<long> Ids);
