namespace Aoi.Grains.Imaging;

/// <summary>Decodes the whole frame once (through the decode gate) and cuts every crop from it.</summary>
public sealed class DecodingFrameCropper(ImageLoader loader) : IFrameCropper
{
    public async Task<FrameCrops> CutAsync(ImageInput image, IReadOnlyList<RoiDefinition> rois, CancellationToken cancellationToken)
    {
        using var frame = await loader.LoadAsync(image, cancellationToken);
        var crops = rois.ToDictionary(r => r.Idx, r => RoiCropper.Cut(frame.Image, r.Coords));
        return new FrameCrops(crops, frame.DecodeMs);
    }
}
