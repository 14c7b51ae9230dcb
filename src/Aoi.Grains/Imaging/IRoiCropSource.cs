namespace Aoi.Grains.Imaging;

/// <summary>
/// A picture's ROI crops (spec 3.1 steps 1–2): the picture at a server path and the ROI rectangles in, one crop per
/// rectangle out — clipped with a warning, or an error when nothing of it is inside the picture.
/// </summary>
public interface IRoiCropSource
{
    /// <summary>
    /// Every rectangle's crop exactly once, in the order they become ready (top to bottom while the picture is being
    /// decoded), so that ROI work can start before the rest of the picture is decoded. An unusable picture throws
    /// <see cref="ImageReadException"/> (spec 5.5): before the first crop for what its header and size show, later
    /// only when its data breaks off inside the rows a crop needs. With no rectangles the picture is only checked.
    /// </summary>
    IAsyncEnumerable<IndexedCrop> CutAsync(ImageInput input, IReadOnlyList<RoiRect> rects, CancellationToken cancellationToken = default);
}

/// <summary>The crop of rectangle <paramref name="Index"/> of a <see cref="IRoiCropSource.CutAsync"/> call.</summary>
public sealed record IndexedCrop(int Index, RoiCrop Crop);
