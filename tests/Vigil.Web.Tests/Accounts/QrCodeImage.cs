using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Vigil.Web.Tests.Accounts;

/// <summary>
/// Reads a QR code shown as a PNG image the way a phone camera would: the image's pixels, then
/// ZXing.Net's QR reader (an implementation independent of the QRCoder that drew it). The PNG reader
/// here knows only what such an image needs (greyscale or palette, 1 or 8 bits, no interlace, filter
/// "none") and fails loudly on anything else.
/// </summary>
internal static class QrCodeImage
{
    public static string Read(byte[] png)
    {
        var (width, height, luminance) = Luminance(png);
        var source = new RGBLuminanceSource(luminance, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        return result?.Text ?? throw new InvalidOperationException("no QR code could be read from the image");
    }

    private static (int Width, int Height, byte[] Luminance) Luminance(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        int width = 0, height = 0, bitDepth = 0, colorType = 0;
        byte[] palette = [];
        using var compressed = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    (bitDepth, colorType) = (data[8], data[9]);
                    Assert.True(data[12] == 0, "interlaced PNG");
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
            }
            at += 12 + length;
        }
        Assert.True(colorType is 0 or 3 && bitDepth is 1 or 8, $"PNG colour type {colorType}, bit depth {bitDepth}");

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }
        var raw = inflated.ToArray();
        var stride = (width * bitDepth + 7) / 8;
        var luminance = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var row = raw.AsSpan(y * (stride + 1), stride + 1);
            Assert.True(row[0] == 0, $"PNG row filter {row[0]}");
            for (var x = 0; x < width; x++)
            {
                var sample = bitDepth == 8 ? row[1 + x] : (row[1 + x / 8] >> (7 - x % 8)) & 1;
                luminance[y * width + x] = colorType == 3
                    ? palette[sample * 3] // the black and white palette: red is as good as grey
                    : (byte)(bitDepth == 1 ? sample * 255 : sample);
            }
        }
        return (width, height, luminance);
    }
}
