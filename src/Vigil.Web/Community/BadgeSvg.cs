using System.Text;
using System.Xml;

namespace Vigil.Web.Community;

/// <summary>
/// A flat, shields-style two-part badge. Written with XmlWriter so every text is escaped; accessible as one
/// image: <c>role="img"</c>, an <c>aria-label</c> and a <c>&lt;title&gt;</c> saying "label: message".
/// </summary>
public static class BadgeSvg
{
    public const string Green = "#2e7d32";
    public const string Grey = "#6e6e6e";
    public const string Red = "#c62828";
    private const string LabelColour = "#555";

    public static byte[] Render(string label, string message, string colour)
    {
        var labelWidth = Width(label);
        var messageWidth = Width(message);
        var width = labelWidth + messageWidth;
        var text = $"{label}: {message}";
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(
            buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            const string ns = "http://www.w3.org/2000/svg";
            xml.WriteStartElement("svg", ns);
            xml.WriteAttributeString("width", Px(width));
            xml.WriteAttributeString("height", "20");
            xml.WriteAttributeString("role", "img");
            xml.WriteAttributeString("aria-label", text);
            xml.WriteElementString("title", ns, text);
            Rect(xml, ns, 0, labelWidth, LabelColour);
            Rect(xml, ns, labelWidth, messageWidth, colour);
            xml.WriteStartElement("g", ns);
            xml.WriteAttributeString("fill", "#fff");
            xml.WriteAttributeString("text-anchor", "middle");
            xml.WriteAttributeString("font-family", "Verdana,Geneva,DejaVu Sans,sans-serif");
            xml.WriteAttributeString("font-size", "11");
            xml.WriteAttributeString("aria-hidden", "true");
            Text(xml, ns, labelWidth / 2, label);
            Text(xml, ns, labelWidth + messageWidth / 2, message);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }

    /// <summary>Verdana 11px averages about 7px a character; 10px padding each side of a part.</summary>
    private static int Width(string text) => text.Length * 7 + 20;

    private static string Px(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Rect(XmlWriter xml, string ns, int x, int width, string fill)
    {
        xml.WriteStartElement("rect", ns);
        xml.WriteAttributeString("x", Px(x));
        xml.WriteAttributeString("width", Px(width));
        xml.WriteAttributeString("height", "20");
        xml.WriteAttributeString("fill", fill);
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, string ns, double x, string value)
    {
        xml.WriteStartElement("text", ns);
        xml.WriteAttributeString("x", Px(x));
        xml.WriteAttributeString("y", "14");
        xml.WriteString(value);
        xml.WriteEndElement();
    }
}
