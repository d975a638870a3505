using System.ComponentModel.DataAnnotations;

namespace Vigil.Core.Attachments;

/// <summary>
/// Configuration section <c>Vigil:Reports:Attachments</c>: how much a report may carry. One upload request is
/// also bounded by <c>Vigil:Limits:MaxRequestBodyBytes</c> (10 MiB by default).
/// </summary>
public sealed class AttachmentOptions
{
    public const string Section = "Vigil:Reports:Attachments";

    [Range(1, 1L << 30)]
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;

    [Range(0, 1000)]
    public int MaxFilesPerReport { get; set; } = 20;

    [Range(1, 1L << 34)]
    public long MaxBytesPerReport { get; set; } = 25 * 1024 * 1024;
}
