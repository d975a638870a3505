using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Exports.NodejsWg;
using Vigil.Core.Imports.Osv;

namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// Turns one WG record into an advisory ready to store: map to OSV, record what the WG exporter could
/// not derive back (<see cref="NswgResidual"/>), prove the round trip, validate against the OSV schema.
/// Any failure rejects the whole record with a reason naming the field.
/// </summary>
internal static class NswgRecords
{
    public static ImportRecord Npm(string file, JsonObject entry, long number, string? indexKey = null)
    {
        var where = indexKey is null ? "" : $"entry \"{indexKey}\": ";
        return Build(file, where, entry, () =>
        {
            var id = NswgFields.RequiredInteger(entry, "id");
            if (id != number)
            {
                throw new NswgFormatException($"'id' is {id} but the record is number {number}");
            }
            return NswgNpmMapper.ToOsv(entry);
        },
        osv => NswgNpmDerivation.Derive(osv, number, osv.Affected![0].Package.Name),
        NswgFormat.NpmSource);
    }

    public static ImportRecord Core(string file, string key, JsonObject entry)
    {
        if (!NswgFormat.IsNumberName(key))
        {
            return ImportRecord.Failed(file, $"entry \"{key}\": the key is not a record number");
        }
        return Build(
            file, $"entry \"{key}\": ", entry, () => NswgCoreMapper.ToOsv(key, entry), NswgCoreDerivation.Derive,
            NswgFormat.CoreSource);
    }

    private static ImportRecord Build(
        string file,
        string where,
        JsonObject original,
        Func<OsvVulnerability> map,
        Func<OsvVulnerability, JsonObject> derive,
        string source)
    {
        try
        {
            var osv = map();
            // Derive from the document as it will be stored and read back, exactly what the exporter sees.
            var derived = derive(OsvJson.Deserialize(OsvJson.Serialize(osv)));
            var residual = NswgResidual.Compute(original, derived);
            if (residual is not null)
            {
                osv.DatabaseSpecific ??= [];
                osv.DatabaseSpecific[NswgResidual.Key] = residual;
            }
            if (!NswgResidual.Same(NswgResidual.Apply(derived, residual), original))
            {
                return ImportRecord.Failed(file, where + "cannot be stored losslessly (a Vigil bug; please report it)");
            }
            var errors = OsvSchemaValidator.Default.Validate(JsonSerializer.SerializeToElement(osv, OsvJson.Options));
            return errors.Count > 0
                ? ImportRecord.Failed(file, where + "maps to " + OsvDocumentReader.DescribeSchemaErrors(errors))
                : ImportRecord.Ok(
                    file, new AdvisoryToStore(osv, source, ModifiedIsFirstSeen: source == NswgFormat.CoreSource));
        }
        catch (NswgFormatException exception)
        {
            return ImportRecord.Failed(file, where + exception.Message);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or JsonException)
        {
            return ImportRecord.Failed(file, where + exception.Message);
        }
    }
}
