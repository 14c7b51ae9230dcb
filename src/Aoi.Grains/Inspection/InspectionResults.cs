namespace Aoi.Grains.Inspection;

/// <summary>ROI results sorted by roi_id with their device summaries and overall counts (spec 6.2, 6.3).</summary>
public sealed record InspectionResults(RoiResult[] RoiResults, DeviceSummary[] Devices, OverallResult Overall)
{
    /// <summary>The response of spec 6.4/6.5; processing_time runs from the request's receipt to now.</summary>
    /// <param name="snapshot">The product configuration inspected against: its version is the CFX recipe revision.</param>
    public InspectionResponse ToResponse(string sessionId, ProductSnapshot snapshot, GroupResult[]? groups, DateTimeOffset receivedAt)
    {
        var now = DateTimeOffset.UtcNow;
        return new InspectionResponse(sessionId, snapshot.ProductName, RoiResults, Devices, Overall, groups,
            Math.Round(Math.Max(0, (now - receivedAt).TotalSeconds), 3), now.ToUnixTimeMilliseconds() / 1000.0, snapshot.Version);
    }
}
