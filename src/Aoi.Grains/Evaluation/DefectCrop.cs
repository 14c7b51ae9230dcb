using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>One synthetic defect crop at the ROI's configured coordinates; the owner disposes <see cref="Crop"/>.</summary>
public sealed record DefectCrop(string Kind, string Name, Mat Crop);
