using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Attachments;

/// <summary>Checks uploads against the limits and types, and seals them into a report: shared by intake and by later
/// uploads.</summary>
internal static class ReportAttachments
{
    internal const string NamePurpose = "vigil:report-attachment-name:v1";
    internal const string ContentPurpose = "vigil:report-attachment:v1";
    public const int MaxFileNameLength = 200;

    /// <summary>
    /// Every problem with the uploads at once, each under <c>attachments[i]</c> and naming the file; nothing is
    /// stored when there is one. <paramref name="existingCount"/>/<paramref name="existingBytes"/>: what the report
    /// already holds.
    /// </summary>
    public static IReadOnlyList<(AttachmentUpload File, string Name, string MediaType)> Check(
        IReadOnlyList<AttachmentUpload> files, AttachmentOptions options, int existingCount = 0, long existingBytes = 0)
    {
        var errors = new Dictionary<string, string[]>();
        var accepted = new List<(AttachmentUpload, string, string)>();
        if (existingCount + files.Count > options.MaxFilesPerReport)
        {
            errors["attachments"] = [
                $"a report holds at most {options.MaxFilesPerReport} files; it has {existingCount} and {files.Count} "
                + "were sent."];
        }
        var total = existingBytes + files.Sum(f => (long)f.Content.Length);
        if (total > options.MaxBytesPerReport)
        {
            errors["attachments"] = [
                $"a report holds at most {options.MaxBytesPerReport:N0} bytes of files; this would make {total:N0}."];
        }
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var name = CleanName(file.FileName);
            string? error;
            string? mediaType = null;
            if (name.Length == 0)
            {
                error = "the file has no name.";
            }
            else if (file.Content.Length == 0)
            {
                error = $"'{name}' is empty.";
            }
            else if (file.Content.Length > options.MaxFileBytes)
            {
                error = $"'{name}' is {file.Content.Length:N0} bytes; the limit is {options.MaxFileBytes:N0}.";
            }
            else
            {
                (mediaType, error) = AttachmentTypes.Check(name, file.Content);
            }
            if (error is not null)
            {
                errors[$"attachments[{i}]"] = [error];
            }
            else
            {
                accepted.Add((file, name, mediaType!));
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(
                errors.Count == 1 ? errors.Values.First()[0] : "Some attachments are refused.", errors);
        }
        return accepted;
    }

    /// <summary>Seals the checked files into the report, each announced by a timeline event (same visibility as the
    /// file).</summary>
    public static List<ReportAttachmentEntity> Add(
        VigilDbContext db, ReportEntity report, byte[] dataKey, Actor actor, DateTimeOffset now,
        EventVisibility visibility,
        IEnumerable<(AttachmentUpload File, string Name, string MediaType)> files)
    {
        var added = new List<ReportAttachmentEntity>();
        foreach (var (file, name, mediaType) in files)
        {
            var attachment = new ReportAttachmentEntity
            {
                ReportId = report.Id,
                MediaType = mediaType,
                Size = file.Content.Length,
                SealedName = ReportVault.Seal(dataKey, name, NamePurpose),
                SealedContent = ReportVault.Seal(dataKey, file.Content, ContentPurpose),
                Visibility = visibility,
                UploadedAt = now,
            };
            db.ReportAttachments.Add(attachment);
            ReportTimeline.Add(db, report, actor, ReportEventKind.Attachment, now, visibility,
                detail: $"{mediaType}, {file.Content.Length:N0} bytes",
                sealedText: ReportVault.Seal(dataKey, $"Attached `{name}`", ReportContent.EventPurpose));
            added.Add(attachment);
        }
        return added;
    }

    /// <summary>The last path segment, without control characters, at most <see cref="MaxFileNameLength"/> characters
    /// (keeping the extension).</summary>
    public static string CleanName(string fileName)
    {
        var name = new string(
            Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length <= MaxFileNameLength)
        {
            return name;
        }
        var extension = Path.GetExtension(name);
        return extension.Length < 20
            ? name[..(MaxFileNameLength - extension.Length)] + extension
            : name[..MaxFileNameLength];
    }
}
