using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Accounts;

/// <summary>The OpenPGP key the signed-in account registered, or null.</summary>
public sealed class GetAccountKey(VigilDbContext db)
{
    public async Task<AccountKeyInfo?> ExecuteAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var user = AccountKeyOwner.Of(actor);
        var key = await db.AccountKeys.AsNoTracking().SingleOrDefaultAsync(k => k.UserId == user, cancellationToken);
        return key is null ? null : AccountKeyInfo.From(key);
    }
}

internal static class AccountKeyOwner
{
    public static Guid Of(Actor actor) => actor.Kind == ActorKind.User && actor.UserId is { } id
        ? id
        : throw new NotFoundException("Sign in to manage your OpenPGP key.");
}
