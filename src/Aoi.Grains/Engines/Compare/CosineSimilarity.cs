namespace Aoi.Grains.Engines.Compare;

/// <summary>Cosine of two feature vectors as used by every compare method (spec case 23).</summary>
public static class CosineSimilarity
{
    /// <summary>
    /// Vectors of different length are compared as if the shorter one were padded with zeros, so [1,0] vs [1,0,0]
    /// is 1.0. A zero vector has no direction and scores 0.0 rather than NaN, so an image without features can never
    /// pass. Rounding can push identical vectors a hair above 1.0; the score is clamped so that "1.0 = identical".
    /// </summary>
    public static double Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, normA = 0, normB = 0;
        var common = Math.Min(a.Length, b.Length);
        for (var i = 0; i < common; i++)
        {
            dot += (double)a[i] * b[i];
        }

        foreach (var v in a)
        {
            normA += (double)v * v;
        }

        foreach (var v in b)
        {
            normB += (double)v * v;
        }

        if (normA <= 0 || normB <= 0 || double.IsNaN(dot))
        {
            return 0.0;
        }

        return Math.Min(1.0, dot / (Math.Sqrt(normA) * Math.Sqrt(normB)));
    }
}
