namespace Aoi.Web.Ui;

/// <summary>A downscaled JPEG of a picture and the picture's full size (ROI coordinates refer to the full size).</summary>
public sealed record PicturePreview(byte[] Jpeg, int Width, int Height);
