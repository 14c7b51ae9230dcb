namespace Aoi.Grains.History;

/// <summary>What the session knows about an inspection besides its response: who asked and from which pictures.</summary>
public sealed record InspectionRecordContext(
    string SessionId,
    string ProductName,
    string ClientInfoJson,
    IReadOnlyList<ImageInput> Frames);
