namespace Vigil.Cvss.Tests;

/// <summary>
/// The worked examples of FIRST's "CVSS v3.1: Examples" and "CVSS v3.0: Examples" documents
/// (first.org/cvss/v3.1/examples, /v3.0/examples): real vulnerabilities with the vector and Base score
/// that FIRST published for them.
/// </summary>
public class CvssV31ExamplesTests
{
    // "Includes scores of public vulnerabilities and explanations of why particular metric values were
    // chosen." (v3.1 specification, Appendix C, Examples Document)
    [Theory]
    // CVE-2013-0375 MySQL stored SQL injection
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, CvssSeverity.Medium)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, CvssSeverity.Low)] // CVE-2014-3566 SSLv3 POODLE
    // CVE-2012-1516 VMware guest to host escape
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, CvssSeverity.Critical)]
    // CVE-2009-0783 Apache Tomcat XML parser
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2, CvssSeverity.Medium)]
    // CVE-2012-0384 Cisco IOS command execution
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2, CvssSeverity.High)]
    // CVE-2015-1098 Apple iWork denial of service
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8, CvssSeverity.High)]
    // CVE-2014-0160 OpenSSL Heartbleed
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, CvssSeverity.High)]
    // CVE-2008-1447 DNS Kaminsky bug
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8, CvssSeverity.Medium)]
    // CVE-2014-2005 Sophos login screen bypass
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8, CvssSeverity.Medium)]
    // CVE-2010-0467 Joomla directory traversal
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8, CvssSeverity.Medium)]
    // CVE-2012-1342 Cisco access control bypass
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", 5.8, CvssSeverity.Medium)]
    // CVE-2013-6014 Juniper proxy ARP DoS
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3, CvssSeverity.Critical)]
    // CVE-2011-1265 Windows Bluetooth RCE
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8, CvssSeverity.High)]
    // CVE-2014-2019 Apple iOS security control bypass
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6, CvssSeverity.Medium)]
    // CVE-2015-0970 SearchBlox CSRF
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8, CvssSeverity.High)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4, CvssSeverity.High)] // CVE-2014-0224 SSL/TLS MITM
    // CVE-2012-5376 Chrome sandbox bypass
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6, CvssSeverity.Critical)]
    // CVE-2016-0128 Badlock (SAMR/LSAD)
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 6.8, CvssSeverity.Medium)]
    // CVE-2016-2118 Badlock (Samba)
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.5, CvssSeverity.High)]
    // CVE-2019-7551 Cantemo Portal stored XSS
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H", 9.0, CvssSeverity.Critical)]
    // CVE-2017-5942 WordPress Mail plugin XSS
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, CvssSeverity.Medium)]
    // CVE-2016-5558 Oracle Outside In RCE
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:L", 8.6, CvssSeverity.High)]
    // CVE-2016-5729 Lenovo ThinkPwn
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 8.2, CvssSeverity.High)]
    // CVE-2015-2890 flash not locked on resume
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:H/A:H", 6.0, CvssSeverity.Medium)]
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 7.6, CvssSeverity.High)] // CVE-2018-3652 Intel DCI
    // CVE-2019-0884 scripting engine memory corruption
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N", 4.2, CvssSeverity.Medium)]
    // v3.0: CVE-2013-1937 phpMyAdmin reflected XSS
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, CvssSeverity.Medium)]
    // v3.0: CVE-2014-9253 DokuWiki reflected XSS
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4, CvssSeverity.Medium)]
    // v3.0: CVE-2012-0384 (before the v3.1 rescoring)
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, CvssSeverity.High)]
    public void BaseScore_FirstPublishedExample_MatchesExample(string vector, double baseScore, CvssSeverity severity)
    {
        var parsed = CvssV3Vector.Parse(vector);

        Assert.Equal(baseScore, parsed.BaseScore);
        Assert.Equal(severity, parsed.Severity);
    }

    // NVD's CVSS v3.1 vectors of well-known vulnerabilities.
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0)] // CVE-2021-44228 Log4Shell
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H", 9.0)] // CVE-2021-45046 Log4j, incomplete first fix
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)] // CVE-2022-22965 Spring4Shell
    public void BaseScore_NvdVectorOfWellKnownCve_MatchesNvd(string vector, double baseScore)
    {
        Assert.Equal(baseScore, CvssV3Vector.Parse(vector).BaseScore);
    }
}
