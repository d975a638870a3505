using System.Net;
using System.Net.Sockets;

namespace Vigil.Core.Notifications;

/// <summary>
/// The IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and its updates), as of 2025, plus
/// multicast and the deprecated IPv4-compatible IPv6 block. A webhook may only reach a globally reachable
/// address: every range below is refused as a whole, except the two IPv6 blocks that only carry an IPv4
/// address (IPv4-mapped, and the well-known NAT64 prefix, which the registry marks globally reachable), whose
/// embedded IPv4 address is judged instead. The registry's few "globally reachable" anycast entries (PCP,
/// TURN, AS112, AMT) are refused too: no webhook receiver lives there.
/// </summary>
public static class SpecialAddresses
{
    private static readonly (IPNetwork Network, string Name)[] IPv4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "\"this network\" (RFC 791)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private-use (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared address space (RFC 6598)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback (RFC 1122)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (RFC 3927)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private-use (RFC 1918)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments (RFC 6890)"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation TEST-NET-1 (RFC 5737)"),
        (IPNetwork.Parse("192.31.196.0/24"), "AS112-v4 (RFC 7535)"),
        (IPNetwork.Parse("192.52.193.0/24"), "AMT (RFC 7450)"),
        (IPNetwork.Parse("192.88.99.0/24"), "deprecated 6to4 relay anycast (RFC 7526)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private-use (RFC 1918)"),
        (IPNetwork.Parse("192.175.48.0/24"), "direct delegation AS112 service (RFC 7534)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking (RFC 2544)"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation TEST-NET-2 (RFC 5737)"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation TEST-NET-3 (RFC 5737)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast (RFC 5771)"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (RFC 1112), limited broadcast 255.255.255.255 (RFC 919) included"),
    ];

    private static readonly (IPNetwork Network, string Name)[] IPv6 =
    [
        (IPNetwork.Parse("::/128"), "unspecified (RFC 4291)"),
        (IPNetwork.Parse("::1/128"), "loopback (RFC 4291)"),
        (IPNetwork.Parse("::/96"), "deprecated IPv4-compatible (RFC 4291)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "IPv4-IPv6 translation, local use (RFC 8215)"),
        (IPNetwork.Parse("100::/64"), "discard-only (RFC 6666)"),
        (IPNetwork.Parse("100:0:0:1::/64"), "dummy IPv6 prefix (RFC 9780)"),
        (IPNetwork.Parse("2001::/32"), "Teredo (RFC 4380)"),
        (IPNetwork.Parse("2001::/23"),
            "IETF protocol assignments (RFC 2928): PCP/TURN/DNS-SD anycast, benchmarking, AMT, AS112, ORCHID, DETs"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation (RFC 3849)"),
        (IPNetwork.Parse("2002::/16"), "6to4 (RFC 3056)"),
        (IPNetwork.Parse("2620:4f:8000::/48"), "direct delegation AS112 service (RFC 7534)"),
        (IPNetwork.Parse("3fff::/20"), "documentation (RFC 9637)"),
        (IPNetwork.Parse("5f00::/16"), "segment routing SIDs (RFC 9602)"),
        (IPNetwork.Parse("fc00::/7"), "unique-local (RFC 4193)"),
        (IPNetwork.Parse("fe80::/10"), "link-local unicast (RFC 4291)"),
        (IPNetwork.Parse("fec0::/10"), "deprecated site-local (RFC 3879)"),
        (IPNetwork.Parse("ff00::/8"), "multicast (RFC 4291)"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    /// <summary>
    /// Why <paramref name="address"/> is not globally reachable (the registry range's name), or null for a
    /// public address. An IPv6 address outside global unicast 2000::/3 and the embeddings is refused as unassigned.
    /// </summary>
    public static string? Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Find(IPv4, address);
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }
        if (address.ScopeId != 0)
        {
            address = new IPAddress(address.GetAddressBytes());
        }
        // IPNetwork.Contains does not see IPv4-mapped addresses inside ::ffff:0:0/96, so that block is tested by hand.
        var mapped = address.IsIPv4MappedToIPv6;
        if (mapped || Nat64.Contains(address))
        {
            var embedded = new IPAddress(address.GetAddressBytes()[12..]);
            return Find(IPv4, embedded) is { } name
                ? $"{name}, embedded in {(mapped ? "IPv4-mapped ::ffff:0:0/96" : "NAT64 64:ff9b::/96")}"
                : null;
        }
        return Find(IPv6, address)
            ?? (GlobalUnicast.Contains(address) ? null : "outside global unicast 2000::/3 (RFC 4291)");
    }

    private static string? Find((IPNetwork Network, string Name)[] table, IPAddress address)
    {
        foreach (var (network, name) in table)
        {
            if (network.Contains(address))
            {
                return name;
            }
        }
        return null;
    }
}
