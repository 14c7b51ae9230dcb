using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aoi.Web.Images;

public enum ImageSourceKind
{
    Path,
    Filename,
    Base64,
}

/// <summary>Which image field a request (or capture group entry) uses, by the precedence of spec 5.5.</summary>
public sealed record ImageSource(ImageSourceKind Kind, string Value)
{
    /// <summary>image_path &gt; image_filename &gt; image; blank or non-string fields count as absent.</summary>
    public static ImageSource? Select(JsonObject body) =>
        Field(body, "image_path") is { } path ? new ImageSource(ImageSourceKind.Path, path)
        : Field(body, "image_filename") is { } name ? new ImageSource(ImageSourceKind.Filename, name)
        : Field(body, "image") is { } data ? new ImageSource(ImageSourceKind.Base64, data)
        : null;

    private static string? Field(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
        && value.GetValue<string>() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;
}
