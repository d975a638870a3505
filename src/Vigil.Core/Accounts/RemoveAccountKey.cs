using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Accounts;

/// <summary>
/// An account removes its OpenPGP key: its mail is then sent as to everyone, without report text, and its
/// signatures are no longer verified. Mail already queued for the old key goes out plain (the dispatcher encrypts
/// only to a key still registered).
/// </summary>
public sealed class RemoveAccountKey(VigilDbContext db)
{
    public async Task ExecuteAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var user = AccountKeyOwner.Of(actor);
        if (await db.AccountKeys.Where(k => k.UserId == user).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            throw new NotFoundException("No OpenPGP key is registered.");
        }
    }
}
