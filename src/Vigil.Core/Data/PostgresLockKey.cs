namespace Vigil.Core.Data;

/// <summary>
/// The 64-bit key of a PostgreSQL advisory lock for a name (<c>pg_advisory_xact_lock</c>, <c>pg_try_advisory_lock</c>):
/// FNV-1a of the name, stable across processes and instances, where <see cref="string.GetHashCode()"/> differs per
/// process.
/// </summary>
internal static class PostgresLockKey
{
    public static long For(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }
}
