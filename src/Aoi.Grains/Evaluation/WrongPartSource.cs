using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>The best golden of another compare ROI, already resized to this ROI's size, to stand in as a wrong part.</summary>
public sealed record WrongPartSource(string Name, Mat Image, double Ncc);
