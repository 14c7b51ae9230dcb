namespace Aoi.Grains.Interfaces;

/// <summary>
/// The result of one inspection (single spec 6.4 or grouped 6.5). <see cref="Groups"/> is null for a single-image
/// inspection. <see cref="ProcessingTime"/> is measured from <c>ReceivedAt</c> of the request.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.InspectionResponse")]
public sealed record InspectionResponse(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string ProductName,
    [property: Id(2)] RoiResult[] RoiResults,
    [property: Id(3)] DeviceSummary[] Devices,
    [property: Id(4)] OverallResult Overall,
    [property: Id(5)] GroupResult[]? Groups,
    [property: Id(6)] double ProcessingTime,
    [property: Id(7)] double Timestamp);
