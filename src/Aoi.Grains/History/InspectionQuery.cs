namespace Aoi.Grains.History;

/// <summary>
/// Filters of the history list; null means "any". <see cref="Barcode"/> matches a device barcode before or after
/// linking; <see cref="Passed"/> is the overall verdict; the time range is [From, To).
/// </summary>
public sealed record InspectionQuery(
    string? Barcode = null,
    string? Product = null,
    string? Station = null,
    bool? Passed = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 1,
    int PageSize = 50);

/// <summary>A page of the history, newest first, and how many inspections match in all.</summary>
public sealed record InspectionPage(IReadOnlyList<InspectionRecord> Items, long Total, int Page, int PageSize);
