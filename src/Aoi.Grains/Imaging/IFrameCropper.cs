namespace Aoi.Grains.Imaging;

/// <summary>
/// Reads one picture and cuts the crops of the given ROIs from it (spec 3.1 steps 1–2): the one place where an
/// inspection decodes a frame, so a faster reader (decoding only the ROIs' rows, cropping while decoding) replaces
/// the whole step by registering another implementation.
/// </summary>
public interface IFrameCropper
{
    /// <summary>
    /// One crop per ROI, keyed by idx (clipped with a warning, or an error when nothing is left). Throws
    /// <see cref="ImageReadException"/> for an unusable picture, also when <paramref name="rois"/> is empty.
    /// </summary>
    Task<FrameCrops> CutAsync(ImageInput image, IReadOnlyList<RoiDefinition> rois, CancellationToken cancellationToken);
}

/// <summary>The crops of one picture by ROI idx, and the wall time of reading and decoding it.</summary>
public sealed record FrameCrops(IReadOnlyDictionary<int, RoiCrop> ByRoi, double DecodeMs);
