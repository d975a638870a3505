using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Reports;
using Vigil.Core.Security;

namespace Vigil.Core.Tests.Security;

public class SealedKeyRingTests
{
    private static readonly XElement Secret = XElement.Parse(
        "<masterKey><value>c2VjcmV0LWtleS1ieXRlcw==</value></masterKey>");

    [Fact]
    public void Encrypt_DataProtectionKey_StoresNoClearTextAndOpensWithTheMasterKey()
    {
        var vault = new ReportVault(RandomNumberGenerator.GetBytes(32));

        var sealedKey = new SealedKeyRing(vault).Encrypt(Secret);

        Assert.Equal(typeof(SealedKeyRingDecryptor), sealedKey.DecryptorType);
        Assert.DoesNotContain("c2VjcmV0", sealedKey.EncryptedElement.ToString());
        Assert.Equal(Secret.ToString(), Decryptor(vault).Decrypt(sealedKey.EncryptedElement).ToString());
    }

    [Fact]
    public void Rewrap_NewMasterKey_OpensWithTheNewKeyOnly()
    {
        var current = new ReportVault(RandomNumberGenerator.GetBytes(32));
        var next = new ReportVault(RandomNumberGenerator.GetBytes(32));
        var stored = new XElement("key",
            new XElement("descriptor", new SealedKeyRing(current).Encrypt(Secret).EncryptedElement));

        var rewrapped = XElement.Parse(SealedKeyRing.Rewrap(current, next, stored.ToString()));

        var element = rewrapped.Descendants("sealedKey").Single();
        Assert.Equal(Secret.ToString(), Decryptor(next).Decrypt(element).ToString());
        Assert.ThrowsAny<CryptographicException>(() => Decryptor(current).Decrypt(element));
        Assert.Equal(rewrapped.ToString(),
            XElement.Parse(SealedKeyRing.Rewrap(current, next, rewrapped.ToString())).ToString());
    }

    private static SealedKeyRingDecryptor Decryptor(ReportVault vault) =>
        new(new ServiceCollection().AddSingleton(vault).BuildServiceProvider());
}
