namespace Vigil.Core.Advisories;

/// <summary>
/// The names of the weaknesses (MITRE's CWE list) that package advisories name most: the CWE Top 25,
/// the web and parser weaknesses common in npm and NuGet advisories, and every CWE in the Node.js WG
/// data. Pages show "CWE-400: Uncontrolled Resource Consumption"; an id not listed is shown by number,
/// linked to its definition.
/// </summary>
public static class CweNames
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [20] = "Improper Input Validation",
        [22] = "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
        [59] = "Improper Link Resolution Before File Access ('Link Following')",
        [74] = "Improper Neutralization of Special Elements in Output Used by a Downstream Component ('Injection')",
        [77] = "Improper Neutralization of Special Elements used in a Command ('Command Injection')",
        [78] = "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
        [79] = "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
        [88] = "Improper Neutralization of Argument Delimiters in a Command ('Argument Injection')",
        [89] = "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
        [93] = "Improper Neutralization of CRLF Sequences ('CRLF Injection')",
        [94] = "Improper Control of Generation of Code ('Code Injection')",
        [95] = "Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')",
        [113] = "Improper Neutralization of CRLF Sequences in HTTP Headers ('HTTP Request/Response Splitting')",
        [115] = "Misinterpretation of Input",
        [116] = "Improper Encoding or Escaping of Output",
        [119] = "Improper Restriction of Operations within the Bounds of a Memory Buffer",
        [125] = "Out-of-bounds Read",
        [190] = "Integer Overflow or Wraparound",
        [200] = "Exposure of Sensitive Information to an Unauthorized Actor",
        [208] = "Observable Timing Discrepancy",
        [209] = "Generation of Error Message Containing Sensitive Information",
        [226] = "Sensitive Information in Resource Not Removed Before Reuse",
        [269] = "Improper Privilege Management",
        [276] = "Incorrect Default Permissions",
        [284] = "Improper Access Control",
        [285] = "Improper Authorization",
        [287] = "Improper Authentication",
        [295] = "Improper Certificate Validation",
        [306] = "Missing Authentication for Critical Function",
        [319] = "Cleartext Transmission of Sensitive Information",
        [326] = "Inadequate Encryption Strength",
        [327] = "Use of a Broken or Risky Cryptographic Algorithm",
        [330] = "Use of Insufficiently Random Values",
        [338] = "Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)",
        [345] = "Insufficient Verification of Data Authenticity",
        [346] = "Origin Validation Error",
        [347] = "Improper Verification of Cryptographic Signature",
        [352] = "Cross-Site Request Forgery (CSRF)",
        [362] = "Concurrent Execution using Shared Resource with Improper Synchronization ('Race Condition')",
        [367] = "Time-of-check Time-of-use (TOCTOU) Race Condition",
        [384] = "Session Fixation",
        [400] = "Uncontrolled Resource Consumption",
        [401] = "Missing Release of Memory after Effective Lifetime",
        [407] = "Inefficient Algorithmic Complexity",
        [416] = "Use After Free",
        [419] = "Unprotected Primary Channel",
        [434] = "Unrestricted Upload of File with Dangerous Type",
        [444] = "Inconsistent Interpretation of HTTP Requests ('HTTP Request/Response Smuggling')",
        [476] = "NULL Pointer Dereference",
        [502] = "Deserialization of Untrusted Data",
        [522] = "Insufficiently Protected Credentials",
        [532] = "Insertion of Sensitive Information into Log File",
        [601] = "URL Redirection to Untrusted Site ('Open Redirect')",
        [611] = "Improper Restriction of XML External Entity Reference",
        [613] = "Insufficient Session Expiration",
        [639] = "Authorization Bypass Through User-Controlled Key",
        [668] = "Exposure of Resource to Wrong Sphere",
        [674] = "Uncontrolled Recursion",
        [693] = "Protection Mechanism Failure",
        [770] = "Allocation of Resources Without Limits or Throttling",
        [776] = "Improper Restriction of Recursive Entity References in DTDs ('XML Entity Expansion')",
        [787] = "Out-of-bounds Write",
        [798] = "Use of Hard-coded Credentials",
        [829] = "Inclusion of Functionality from Untrusted Control Sphere",
        [835] = "Loop with Unreachable Exit Condition ('Infinite Loop')",
        [843] = "Access of Resource Using Incompatible Type ('Type Confusion')",
        [862] = "Missing Authorization",
        [863] = "Incorrect Authorization",
        [915] = "Improperly Controlled Modification of Dynamically-Determined Object Attributes",
        [918] = "Server-Side Request Forgery (SSRF)",
        [922] = "Insecure Storage of Sensitive Information",
        [1321] = "Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')",
        [1333] = "Inefficient Regular Expression Complexity",
        [1336] = "Improper Neutralization of Special Elements Used in a Template Engine",
    };

    /// <summary>The weakness's name, or null for an id this list does not hold (or that is not a CWE id).</summary>
    public static string? NameOf(string id) =>
        CweIds.IsValid(id) && int.TryParse(id.AsSpan(4), out var number) && Names.TryGetValue(number, out var name)
            ? name
            : null;

    /// <summary>The definition page of a valid CWE id on MITRE's site, else null.</summary>
    public static string? DefinitionUrl(string id) =>
        CweIds.IsValid(id) ? $"https://cwe.mitre.org/data/definitions/{id[4..]}.html" : null;
}
