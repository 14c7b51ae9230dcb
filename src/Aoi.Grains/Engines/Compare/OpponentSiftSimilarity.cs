using OpenCvSharp;
using OpenCvSharp.Features2D;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Classical method (spec 3.3) for every feature_method that is not a deep-model name: opponent-colour SIFT.
/// <list type="number">
/// <item>Opponent channels O1 = (R−G)/√2, O2 = (R+G−2B)/√6, O3 = (R+G+B)/√3, each mapped affinely onto 0..255
/// (SIFT needs 8-bit input): O1' = (R−G)/2 + 127.5, O2' = (R+G−2B)/4 + 127.5, O3' = (R+G+B)/3. The affine maps only
/// rescale gradients, which SIFT normalises per descriptor anyway.</item>
/// <item>Keypoints are detected on the intensity channel O3 only, so all three channels are described at the same
/// places.</item>
/// <item>A 128-d SIFT descriptor per keypoint on O1, O2 and O3; the image feature is the mean descriptor of each
/// channel, concatenated (384-d).</item>
/// <item>Similarity = cosine of the two mean descriptors. No keypoint (e.g. a uniform crop) gives a zero vector and
/// therefore 0.0, so a featureless crop never passes.</item>
/// </list>
/// </summary>
public sealed class OpponentSiftSimilarity : ISimilarityMethod
{
    private const int DescriptorLength = 128;

    // Rows give O1', O2', O3' from OpenCV's B,G,R channel order; the last column is the offset.
    private static readonly float[,] OpponentTransform =
    {
        { 0f, -0.5f, 0.5f, 127.5f },
        { -0.5f, 0.25f, 0.25f, 127.5f },
        { 1f / 3f, 1f / 3f, 1f / 3f, 0f },
    };

    public string Name => "opponent-sift-mean-cosine";

    public ImageFeatures Extract(Mat bgr)
    {
        using var transform = Mat.FromArray(OpponentTransform);
        using var opponent = new Mat();
        Cv2.Transform(bgr, opponent, transform);
        var channels = Cv2.Split(opponent);
        try
        {
            // A SIFT instance per call: cheap to create and avoids sharing native state between ROI workers.
            using var sift = SIFT.Create();
            var keypoints = sift.Detect(channels[2]);
            if (keypoints.Length == 0)
            {
                return new ImageFeatures([]);
            }

            var features = new float[3 * DescriptorLength];
            using var intensity = new Mat();
            sift.Compute(channels[2], ref keypoints, intensity);
            if (keypoints.Length == 0)
            {
                return new ImageFeatures([]);
            }

            MeanDescriptor(intensity).CopyTo(features, 2 * DescriptorLength);
            for (var c = 0; c < 2; c++)
            {
                var fixedPoints = keypoints;
                using var descriptors = new Mat();
                sift.Compute(channels[c], ref fixedPoints, descriptors);
                if (descriptors.Rows != intensity.Rows)
                {
                    throw new InvalidOperationException("SIFT described the opponent channels at different keypoints");
                }

                MeanDescriptor(descriptors).CopyTo(features, c * DescriptorLength);
            }

            return new ImageFeatures(features);
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    public double Score(ImageFeatures crop, ImageFeatures golden) => CosineSimilarity.Compute(crop.Vector, golden.Vector);

    private static float[] MeanDescriptor(Mat descriptors)
    {
        using var mean = new Mat();
        Cv2.Reduce(descriptors, mean, ReduceDimension.Row, ReduceTypes.Avg, MatType.CV_32F);
        mean.GetArray(out float[] values);
        return values;
    }
}
