using System.Text.Json.Nodes;
using Aoi.Web.Http;
using Aoi.Web.Images;

namespace Aoi.Web.Inspection;

/// <summary>
/// Reads <c>captured_images</c> of a grouped request (spec 6.5). Problems of one entry become that group's error so
/// the other groups are still inspected; only a path escaping the shared root rejects the whole request (400), and
/// it is checked for every entry before any upload is written.
/// </summary>
public sealed class CaptureGroupsParser(ImageInputResolver resolver)
{
    public const string NoCapturedImages = "No captured images provided";
    public const string InvalidEntry = "Invalid capture group entry";
    public const string NoImageData = "No image data in capture group";
    public const string MissingFocusExposure = "Missing focus/exposure";

    public async Task<CaptureGroupInput[]> ParseAsync(string sessionId, JsonNode? capturedImages, CancellationToken ct)
    {
        if (capturedImages is not JsonObject groups || groups.Count == 0)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, NoCapturedImages);
        }

        var pending = groups.Select(pair => Check(sessionId, pair.Key, pair.Value)).ToList();
        var result = new CaptureGroupInput[pending.Count];
        for (var i = 0; i < pending.Count; i++)
        {
            result[i] = await CompleteAsync(sessionId, pending[i], ct);
        }

        return result;
    }

    private sealed record Pending(CaptureGroupInput Group, ImageSource? Base64);

    /// <summary>First pass: entry shape, focus/exposure, image field, path rules (throws 400 on escape).</summary>
    private Pending Check(string sessionId, string key, JsonNode? entryNode)
    {
        var (keyFocus, keyExposure) = ParseKey(key);
        if (entryNode is not JsonObject entry)
        {
            return new Pending(new CaptureGroupInput(key, keyFocus, keyExposure, null, InvalidEntry), null);
        }

        var focus = JsonFields.Has(entry, "focus") ? JsonFields.AsInt(entry["focus"]) : keyFocus;
        var exposure = JsonFields.Has(entry, "exposure") ? JsonFields.AsInt(entry["exposure"]) : keyExposure;
        var source = ImageSource.Select(entry);
        if (source is null)
        {
            return new Pending(new CaptureGroupInput(key, focus, exposure, null, NoImageData), null);
        }

        // Path rules apply even when the group is otherwise unusable: an escaping path is an attack, not a capture.
        var image = resolver.ResolvePathOnly(sessionId, source);
        if (focus is null || exposure is null)
        {
            return new Pending(new CaptureGroupInput(key, focus, exposure, null, MissingFocusExposure), null);
        }

        return image is not null
            ? new Pending(new CaptureGroupInput(key, focus, exposure, image, null), null)
            : new Pending(new CaptureGroupInput(key, focus, exposure, null, null), source);
    }

    /// <summary>Second pass: store base64 uploads; undecodable base64 fails only its group.</summary>
    private async Task<CaptureGroupInput> CompleteAsync(string sessionId, Pending pending, CancellationToken ct)
    {
        if (pending.Base64 is null)
        {
            return pending.Group;
        }

        try
        {
            return pending.Group with { Image = await resolver.ResolveAsync(sessionId, pending.Base64, ct) };
        }
        catch (ApiException ex)
        {
            return pending.Group with { Error = ex.Error };
        }
    }

    /// <summary>Group key "focus,exposure" (spec 1.2), tolerant of spaces; parts that are not integers are unknown.</summary>
    public static (int? Focus, int? Exposure) ParseKey(string key)
    {
        var parts = key.Split(',');
        return parts.Length == 2 ? (JsonFields.ParseInt(parts[0]), JsonFields.ParseInt(parts[1])) : (null, null);
    }
}
