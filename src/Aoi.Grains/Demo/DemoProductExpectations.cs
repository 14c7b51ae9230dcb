namespace Aoi.Grains.Demo;

/// <summary>What an inspection of the seeded demo product must report; tests and the README rely on these values.</summary>
/// <param name="MissingPartRoiId">Compare ROI whose part is absent on the faulty picture.</param>
/// <param name="DemoPicture">Demo picture path relative to the shared root (forward slashes).</param>
/// <param name="FaultyPicture">Faulty picture path relative to the shared root (forward slashes).</param>
public sealed record DemoProductExpectations(
    string ProductName,
    string BarcodeText,
    int BarcodeRoiId,
    IReadOnlyList<int> CompareRoiIds,
    int ColorRoiId,
    int[] ExpectedColorRgb,
    int MissingPartRoiId,
    IReadOnlyDictionary<int, RoiRect> RoiRects,
    string DemoPicture,
    string FaultyPicture);
