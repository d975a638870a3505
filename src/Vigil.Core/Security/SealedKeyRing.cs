using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Notifications;
using Vigil.Core.Reports;

namespace Vigil.Core.Security;

/// <summary>
/// Seals ASP.NET Core's data-protection keys at rest with the instance's master key, like report text: the
/// key element is sealed under a data key of its own, wrapped by the master key (<see cref="OutboxSeal"/>'s
/// format), so a database dump alone cannot forge a session cookie or a form token, and rotating the master
/// key re-wraps the small keys (<see cref="Rewrap"/>).
/// </summary>
public sealed class SealedKeyRing(ReportVault vault) : IXmlEncryptor
{
    internal const string Purpose = "vigil:data-protection-key:v1";
    internal static readonly XName Element = "sealedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) => new(
        new XElement(
            Element, OutboxSeal.Seal(vault, plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose)),
        typeof(SealedKeyRingDecryptor));

    /// <summary>A stored key's XML with its data key wrapped by <paramref name="next"/>.</summary>
    public static string Rewrap(ReportVault current, ReportVault next, string xml)
    {
        var key = XElement.Parse(xml);
        foreach (var element in key.Descendants().Where(e => e.Name.LocalName == Element.LocalName))
        {
            element.Value = OutboxSeal.Rewrap(current, next, element.Value, Purpose)!;
        }
        return key.ToString(SaveOptions.DisableFormatting);
    }
}

/// <summary>Opens what <see cref="SealedKeyRing"/> sealed; data protection creates it by type name, with the
/// services.</summary>
public sealed class SealedKeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(OutboxSeal.Open(
            services.GetRequiredService<ReportVault>(), encryptedElement.Value, SealedKeyRing.Purpose)!);
}
