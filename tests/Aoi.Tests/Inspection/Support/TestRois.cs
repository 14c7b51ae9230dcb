namespace Aoi.Tests.Inspection.Support;

/// <summary>ROI definitions for tests, with the spec 2.3 defaults for everything not given.</summary>
public static class TestRois
{
    public static RoiDefinition Make(
        int idx, int x1, int y1, int x2, int y2, int type = RoiDefinition.Color, int device = 1, int focus = 305,
        int exposure = 3000, string? script = null, int[]? expectedColor = null, bool? isDeviceBarcode = null,
        bool enabled = true, string? configError = null) =>
        new(idx, type, new RoiRect(x1, y1, x2, y2), focus, exposure, type == RoiDefinition.Compare ? 0.9 : null,
            type == RoiDefinition.Compare ? "mobilenet" : null, 0, device, script, isDeviceBarcode, null,
            expectedColor, 10, 5.0, null, enabled, configError);
}
