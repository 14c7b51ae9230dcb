using System.Text.Encodings.Web;
using System.Text.Json;
using Aoi.Grains.Cfx.Messages;

namespace Aoi.Grains.Cfx;

/// <summary>
/// The CFX JSON form: property names exactly as the records spell them (the standard's PascalCase), enums as their
/// names, times ISO 8601 with the UTC offset, nulls written out (receivers built on the CFX SDK expect every field).
/// Text is escaped only where JSON requires it (the "+" of a UTC offset stays "+", barcodes stay readable): the
/// messages are never embedded in HTML.
/// </summary>
public static class CfxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(CfxEnvelope envelope) => JsonSerializer.Serialize(envelope, Options);
}
