using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Programs;

/// <summary>Records who maintains a package: a contact e-mail to invite, and/or the account (recused from triaging the package's reports).</summary>
public sealed class AddPackageMaintainer(VigilDbContext db, TimeProvider time)
{
    public async Task<PackageMaintainerEntity> ExecuteAsync(string ecosystem, string name, Guid? userId, string? email, CancellationToken cancellationToken = default)
    {
        if (userId is null && string.IsNullOrWhiteSpace(email))
        {
            throw new ValidationFailedException("A maintainer needs an account or an e-mail address.",
                new Dictionary<string, string[]> { ["email"] = ["give the maintainer's e-mail address or account."] });
        }
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            throw new ValidationFailedException($"'{email}' is not an e-mail address.",
                new Dictionary<string, string[]> { ["email"] = ["not an e-mail address."] });
        }
        var maintainer = new PackageMaintainerEntity { Ecosystem = ecosystem, Name = name, UserId = userId, Email = email?.Trim(), AddedAt = time.GetUtcNow() };
        db.PackageMaintainers.Add(maintainer);
        await db.SaveChangesAsync(cancellationToken);
        return maintainer;
    }
}
