using Vigil.Core.Advisories.Osv;

namespace Vigil.Web.Compat.Osv;

// Wire shapes of osv.dev's v1 API (api/osv_service_v1.proto, proto json_names). Serialized with
// OsvJson.Options (which treats parameters without defaults as required, hence the defaults): snake_case, nulls omitted
// — osv.dev's gateway omits empty fields, so an empty result is {}.

public sealed record OsvQueryRequest(
    OsvPackageRequest? Package = null, string? Version = null, string? Commit = null, string? PageToken = null);

public sealed record OsvPackageRequest(string? Name = null, string? Ecosystem = null, string? Purl = null);

public sealed record OsvBatchRequest(List<OsvQueryRequest?>? Queries = null);

public sealed record OsvVulnList(List<OsvVulnerability>? Vulns, string? NextPageToken = null);

public sealed record OsvBatchResponse(List<OsvBatchResult>? Results);

public sealed record OsvBatchResult(List<OsvVulnRef>? Vulns, string? NextPageToken = null);

public sealed record OsvVulnRef(string Id, DateTimeOffset Modified);

/// <summary>
/// osv.dev's error body: a gRPC status code and message (3 = INVALID_ARGUMENT → HTTP 400, 5 = NOT_FOUND → 404).
/// </summary>
public sealed record OsvError(int Code, string Message)
{
    public const int InvalidArgument = 3;
    public const int NotFound = 5;
}
