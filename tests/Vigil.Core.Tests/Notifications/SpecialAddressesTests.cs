using System.Net;
using Vigil.Core.Notifications;

namespace Vigil.Core.Tests.Notifications;

public class SpecialAddressesTests
{
    // IANA IPv4 Special-Purpose Address Registry: every block, its first and last address. "A webhook may only
    // reach a globally reachable address."
    [Theory]
    [InlineData("0.0.0.0"), InlineData("0.255.255.255")] // "this network"
    [InlineData("10.0.0.0"), InlineData("10.255.255.255")] // private-use
    [InlineData("100.64.0.0"), InlineData("100.127.255.255")] // shared address space
    [InlineData("127.0.0.0"), InlineData("127.255.255.255")] // loopback
    [InlineData("169.254.0.0"), InlineData("169.254.255.255")] // link-local
    [InlineData("172.16.0.0"), InlineData("172.31.255.255")] // private-use
    [InlineData("192.0.0.0"), InlineData("192.0.0.255")] // IETF protocol assignments
    [InlineData("192.0.0.7")] // IPv4 service continuity prefix 192.0.0.0/29 (its first address is above)
    [InlineData("192.0.0.8"), InlineData("192.0.0.9"), InlineData("192.0.0.10")] // dummy, PCP anycast, TURN anycast
    [InlineData("192.0.0.170"), InlineData("192.0.0.171")] // NAT64/DNS64 discovery
    [InlineData("192.0.2.0"), InlineData("192.0.2.255")] // TEST-NET-1
    [InlineData("192.31.196.0"), InlineData("192.31.196.255")] // AS112-v4
    [InlineData("192.52.193.0"), InlineData("192.52.193.255")] // AMT
    [InlineData("192.88.99.0"), InlineData("192.88.99.255")] // deprecated 6to4 relay anycast
    [InlineData("192.168.0.0"), InlineData("192.168.255.255")] // private-use
    [InlineData("192.175.48.0"), InlineData("192.175.48.255")] // direct delegation AS112
    [InlineData("198.18.0.0"), InlineData("198.19.255.255")] // benchmarking
    [InlineData("198.51.100.0"), InlineData("198.51.100.255")] // TEST-NET-2
    [InlineData("203.0.113.0"), InlineData("203.0.113.255")] // TEST-NET-3
    [InlineData("224.0.0.0"), InlineData("239.255.255.255")] // multicast
    [InlineData("240.0.0.0"), InlineData("255.255.255.254")] // reserved
    [InlineData("255.255.255.255")] // limited broadcast
    public void IsPublic_IPv4SpecialPurpose_Refused(string address) => AssertRefused(address);

    // IANA IPv6 Special-Purpose Address Registry, first and last address of each block.
    [Theory]
    [InlineData("::")] // unspecified
    [InlineData("::1")] // loopback
    [InlineData("::ffff:0.0.0.0"), InlineData("::ffff:255.255.255.255")] // IPv4-mapped: judged by the IPv4 address
    [InlineData("64:ff9b:1::"), InlineData("64:ff9b:1:ffff:ffff:ffff:ffff:ffff")] // IPv4-IPv6 translation, local use
    [InlineData("100::"), InlineData("100::ffff:ffff:ffff:ffff")] // discard-only
    [InlineData("100:0:0:1::"), InlineData("100:0:0:1:ffff:ffff:ffff:ffff")] // dummy IPv6 prefix
    [InlineData("2001::"), InlineData("2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff")] // IETF protocol assignments
    [InlineData("2001:0:ffff:ffff:ffff:ffff:ffff:ffff")] // Teredo 2001::/32 (its first address is above)
    [InlineData("2001:1::1"), InlineData("2001:1::2"), InlineData("2001:1::3")] // PCP, TURN, DNS-SD SRP anycast
    [InlineData("2001:2::"), InlineData("2001:2:0:ffff:ffff:ffff:ffff:ffff")] // benchmarking
    [InlineData("2001:3::"), InlineData("2001:3:ffff:ffff:ffff:ffff:ffff:ffff")] // AMT
    [InlineData("2001:4:112::"), InlineData("2001:4:112:ffff:ffff:ffff:ffff:ffff")] // AS112-v6
    [InlineData("2001:10::"), InlineData("2001:1f:ffff:ffff:ffff:ffff:ffff:ffff")] // deprecated ORCHID
    [InlineData("2001:20::"), InlineData("2001:2f:ffff:ffff:ffff:ffff:ffff:ffff")] // ORCHIDv2
    [InlineData("2001:30::"), InlineData("2001:3f:ffff:ffff:ffff:ffff:ffff:ffff")] // drone remote ID DETs
    [InlineData("2001:db8::"), InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")] // documentation
    [InlineData("2002::"), InlineData("2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff")] // 6to4
    [InlineData("2620:4f:8000::"), InlineData("2620:4f:8000:ffff:ffff:ffff:ffff:ffff")] // direct delegation AS112
    [InlineData("3fff::"), InlineData("3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff")] // documentation
    [InlineData("5f00::"), InlineData("5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff")] // segment routing SIDs
    [InlineData("fc00::"), InlineData("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")] // unique-local
    [InlineData("fe80::"), InlineData("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff")] // link-local
    [InlineData("fe80::1%2")] // link-local with a zone
    [InlineData("fec0::1")] // deprecated site-local
    [InlineData("ff02::1"), InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")] // multicast
    [InlineData("4000::1")] // outside global unicast
    public void IsPublic_IPv6SpecialPurpose_Refused(string address) => AssertRefused(address);

    // A private IPv4 address inside each IPv6 form that embeds one.
    [Theory]
    [InlineData("::ffff:10.0.0.1")] // IPv4-mapped
    [InlineData("::ffff:198.18.0.1")]
    [InlineData("::10.0.0.1")] // IPv4-compatible (deprecated)
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::10.0.0.1")] // NAT64 well-known prefix
    [InlineData("64:ff9b::127.0.0.1")]
    [InlineData("64:ff9b::169.254.169.254")]
    [InlineData("64:ff9b:1::a00:1")] // NAT64 local-use prefix
    [InlineData("2002:a00:1::1")] // 6to4 of 10.0.0.1
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe")] // Teredo, client 10.0.0.1 obfuscated (bits inverted)
    [InlineData("2001:0:a00:1:0:0:80ff:fffe")] // Teredo, server 10.0.0.1
    public void IsPublic_PrivateIPv4EmbeddedInIPv6_Refused(string address) => AssertRefused(address);

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("198.17.255.255")] // just below benchmarking
    [InlineData("198.20.0.0")] // just above benchmarking
    [InlineData("100.63.255.255")] // just below shared address space
    [InlineData("2606:4700::1111")]
    [InlineData("2a00:1450:4001:81b::200e")]
    [InlineData("::ffff:93.184.216.34")] // IPv4-mapped public address
    [InlineData("64:ff9b::8.8.8.8")] // NAT64 of a public address (globally reachable per the registry)
    public void IsPublic_GloballyReachable_Allowed(string address)
    {
        Assert.Null(SpecialAddresses.Classify(IPAddress.Parse(address)));
        Assert.True(WebhookTargetGuard.IsPublic(IPAddress.Parse(address)));
    }

    private static void AssertRefused(string address)
    {
        Assert.NotNull(SpecialAddresses.Classify(IPAddress.Parse(address)));
        Assert.False(WebhookTargetGuard.IsPublic(IPAddress.Parse(address)));
    }
}
