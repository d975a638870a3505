using Vigil.Core.Reports;

namespace Vigil.Core.Attachments;

/// <summary>
/// A file attached to a report: its name and content are sealed with the report's key (<see cref="ReportVault"/>),
/// like the report's text; the media type (checked by <see cref="AttachmentTypes"/>) and size are in clear.
/// Internal attachments (<see cref="EventVisibility.Team"/>) are for the team only.
/// </summary>
public sealed class ReportAttachmentEntity
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public required string MediaType { get; set; }
    public long Size { get; set; }
    public required byte[] SealedName { get; set; }
    public required byte[] SealedContent { get; set; }
    public EventVisibility Visibility { get; set; } = EventVisibility.Participants;
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>A file as uploaded: the name the client gave and the bytes.</summary>
public sealed record AttachmentUpload(string FileName, byte[] Content);

/// <summary>An attachment in a report's view (no content: that is downloaded on its own).</summary>
public sealed record AttachmentView(
    long Id, string FileName, string MediaType, long Size, DateTimeOffset UploadedAt, bool Internal);

/// <summary>A downloaded attachment.</summary>
public sealed record AttachmentFile(string FileName, string MediaType, byte[] Content);
