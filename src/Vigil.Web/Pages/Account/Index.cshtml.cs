using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Operations;

namespace Vigil.Web.Pages.Account;

/// <summary>The signed-in account: two-factor status, the programs whose team it is on, its reports.</summary>
[Authorize]
public sealed class IndexModel(
    UserManager<VigilUser> users, VigilDbContext db, ListMyReports myReports, ListPrograms programs) : PageModel
{
    public VigilUser Account { get; private set; } = null!;
    public IReadOnlyList<(string Slug, string Name, ProgramRole Role)> Teams { get; private set; } = [];
    public IReadOnlyList<MyReportItem> Reports { get; private set; } = [];
    public bool SessionHasTwoFactor { get; private set; }
    public int Passkeys { get; private set; }

    /// <summary>
    /// An instance administrator or a program's admin (with two-factor): links the administration pages.
    /// </summary>
    public bool CanAdminister { get; private set; }

    /// <summary>An instance administrator signed in with two factors: the sync status page is theirs.</summary>
    public bool IsInstanceAdmin { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Account = await users.GetUserAsync(User) ?? throw new InvalidOperationException("signed-in user not found");
        SessionHasTwoFactor = User.HasClaim("amr", "mfa");
        Passkeys = (await users.GetPasskeysAsync(Account)).Count;
        Teams = (await db.ProgramMembers.AsNoTracking().Where(m => m.UserId == Account.Id)
                .Join(db.Programs.AsNoTracking(), m => m.ProgramId, p => p.Id, (m, p) => new { p.Slug, p.Name, m.Role })
                .ToListAsync(cancellationToken))
            .Select(t => (t.Slug, t.Name, t.Role)).ToList();
        CanAdminister = await programs.AnyAsync(ApiActor.From(HttpContext), cancellationToken);
        IsInstanceAdmin = ProgramAdminAccess.IsInstanceAdmin(ApiActor.From(HttpContext));
        Reports = await myReports.ExecuteAsync(ApiActor.From(HttpContext), cancellationToken);
        return Page();
    }
}
