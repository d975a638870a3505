using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;

namespace Vigil.Web.Pages.Account;

/// <summary>The signed-in account: two-factor status, the programs whose team it is on, its reports.</summary>
[Authorize]
public sealed class IndexModel(UserManager<VigilUser> users, VigilDbContext db, ListPrograms programs) : PageModel
{
    public VigilUser Account { get; private set; } = null!;
    public IReadOnlyList<(string Slug, string Name, ProgramRole Role)> Teams { get; private set; } = [];
    public IReadOnlyList<long> Reports { get; private set; } = [];
    public bool SessionHasTwoFactor { get; private set; }

    /// <summary>An instance administrator or a program's admin (with two-factor): links the administration pages.</summary>
    public bool CanAdminister { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Account = await users.GetUserAsync(User) ?? throw new InvalidOperationException("signed-in user not found");
        SessionHasTwoFactor = User.HasClaim("amr", "mfa");
        Teams = (await db.ProgramMembers.AsNoTracking().Where(m => m.UserId == Account.Id)
                .Join(db.Programs.AsNoTracking(), m => m.ProgramId, p => p.Id, (m, p) => new { p.Slug, p.Name, m.Role })
                .ToListAsync(cancellationToken))
            .Select(t => (t.Slug, t.Name, t.Role)).ToList();
        CanAdminister = await programs.AnyAsync(Api.ApiActor.From(HttpContext), cancellationToken);
        Reports = await db.Reports.AsNoTracking().Where(r => r.ReporterUserId == Account.Id).OrderByDescending(r => r.Id).Select(r => r.Id).Take(100).ToListAsync(cancellationToken);
        return Page();
    }
}
