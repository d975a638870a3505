namespace Vigil.Testing;

/// <summary>What the tests' accounts share.</summary>
public static class TestAccounts
{
    /// <summary>A password every password rule accepts, for accounts the tests register and sign in.</summary>
    public const string Password = "correct horse battery staple";
}
