using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Community;
using Vigil.Core.Data;
using Vigil.Core.Programs;

namespace Vigil.Core.Bounties;

/// <summary>The SECURITY.md "Bounty" section from the program's bounty table (none: the generator's default
/// sentence).</summary>
public sealed class BountyPolicySummary(VigilDbContext db) : IProgramBountySummary
{
    public async Task<string?> DescribeAsync(ProgramEntity program, CancellationToken cancellationToken)
    {
        var table = await db.Set<BountyTableEntity>()
            .AsNoTracking()
            .Include(t => t.Ranges)
            .SingleOrDefaultAsync(t => t.ProgramId == program.Id, cancellationToken);
        if (table is null)
        {
            return null;
        }
        var view = BountyTableView.From(program.Slug, table);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"This program pays bounties in {view.Currency}");
        md.Append(
            view.PaysFixer
                ? " to the finder and, for a share, to the maintainer who fixes the vulnerability.\n\n"
                : " to the finder.\n\n");
        md.Append("| Severity | Amount |\n|---|---|\n");
        foreach (var range in view.Ranges)
        {
            md.Append(
                CultureInfo.InvariantCulture,
                $"| {range.Severity} | {Amount(range.Min)}–{Amount(range.Max)} {view.Currency} |\n");
        }
        if (view.InScope is { } inScope)
        {
            md.Append("\nIn scope: ")
                .Append(SecurityPolicyMarkdown.Escape(inScope.ReplaceLineEndings(" ")))
                .Append('\n');
        }
        if (view.OutOfScope is { } outOfScope)
        {
            md.Append("\nOut of scope: ")
                .Append(SecurityPolicyMarkdown.Escape(outOfScope.ReplaceLineEndings(" ")))
                .Append('\n');
        }
        md.Append(
            "\nThe team decides the amount within the table, or outside it with a stated reason. Payment happens "
            + "outside Vigil.");
        return md.ToString();
    }

    public static string Amount(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);
}
