using System.Text.Json;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Matching;

namespace Vigil.Web.Compat.Osv;

/// <summary>
/// The querybatch answer, written as <see cref="OsvBatchResponse"/> serializes with <see cref="OsvJson.Options"/>
/// (the same bytes), but from each match's <see cref="MatchRenderings.OsvRef"/> made once instead of a
/// reference object per match and request: serializing was a quarter of a 1,000-query request's cost
/// (docs/performance.md, benchmark c).
/// </summary>
public sealed class OsvBatchJsonResult : IResult
{
    private static readonly JsonWriterOptions WriterOptions =
        new() { Encoder = OsvJson.Options.Encoder, SkipValidation = true };

    private readonly IReadOnlyList<OsvPaging.Page?> _pages;

    /// <param name="pages">Per query in request order, its page; null for a query nothing here can match.</param>
    internal OsvBatchJsonResult(IReadOnlyList<OsvPaging.Page?> pages) => _pages = pages;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, WriterOptions);
        writer.WriteStartObject();
        if (_pages.Count > 0)
        {
            writer.WriteStartArray("results"u8);
            foreach (var page in _pages)
            {
                WritePage(writer, page);
                if (writer.BytesPending > 32 * 1024)
                {
                    await writer.FlushAsync(httpContext.RequestAborted);
                }
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private static void WritePage(Utf8JsonWriter writer, OsvPaging.Page? page)
    {
        writer.WriteStartObject();
        if (page is not null)
        {
            if (page.Vulns.Count > 0)
            {
                writer.WriteStartArray("vulns"u8);
                foreach (var match in page.Vulns)
                {
                    writer.WriteRawValue(Render(match), skipInputValidation: true);
                }
                writer.WriteEndArray();
            }
            if (page.NextPageToken is not null)
            {
                writer.WriteString("next_page_token"u8, page.NextPageToken);
            }
        }
        writer.WriteEndObject();
    }

    private static byte[] Render(AffectingMatch match) =>
        MatchRenderings.Of(match).OsvRef ??=
            JsonSerializer.SerializeToUtf8Bytes(new OsvVulnRef(match.Id, match.Modified), OsvJson.Options);
}
