using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare.Library;

/// <summary>
/// A way of judging compare crops against a ROI's golden library: a model of the ROI is built from its goldens when the
/// library changes (teach time) and cached; an inspection only scores against it (spec 3.3, docs/compare-method.md).
/// </summary>
public interface ILibraryJudge
{
    /// <summary>Stable name, part of the model cache key and of reports.</summary>
    string Name { get; }

    /// <summary>The ROI's model from its readable goldens in library order (the first is the reference).</summary>
    LibraryModel Build(Size roiSize, IReadOnlyList<GoldenImage> goldens, CancellationToken cancellationToken = default);

    /// <summary>The verdict on a BGR 8-bit crop of the ROI's size with the ROI's configured threshold.</summary>
    CompareJudgement Judge(LibraryModel model, Mat crop, double threshold);
}

/// <summary>One readable golden at the ROI size, in library order; the caller owns the image.</summary>
public sealed record GoldenImage(string Name, Mat Image);

/// <summary>A golden kept out of a ROI's model, with the reason an engineer can act on (the file itself is kept).</summary>
public sealed record ExcludedGolden(string Name, string Reason);

/// <summary>What a judge built for one ROI. <see cref="Goldens"/> are the goldens the model uses, reference first.</summary>
public abstract class LibraryModel(string method, Size roiSize, IReadOnlyList<string> goldens, IReadOnlyList<ExcludedGolden> excluded)
{
    public string Method { get; } = method;

    public Size RoiSize { get; } = roiSize;

    public IReadOnlyList<string> Goldens { get; } = goldens;

    /// <summary>Goldens of the folder the model does not use, with the reason (unreadable, blurred, contradicting).</summary>
    public IReadOnlyList<ExcludedGolden> Excluded { get; private set; } = excluded;

    /// <summary>Adds goldens left out before the judge saw them (unreadable files); called before the model is shared.</summary>
    internal void AddExcluded(IReadOnlyCollection<ExcludedGolden> more)
    {
        if (more.Count > 0)
        {
            Excluded = [.. more, .. Excluded];
        }
    }

    /// <summary>Approximate memory the model holds, for the cache's budget.</summary>
    public abstract long Bytes { get; }
}

/// <summary>
/// The verdict on one crop. <see cref="Similarity"/> is the 0..1 score reported as ai_similarity (pass ⇔ it reaches the
/// threshold, spec 3.3); <see cref="Defect"/> names the failure (null when passed); <see cref="Checks"/> are the named
/// checks with value and limit; <see cref="ClosestGolden"/> indexes <see cref="LibraryModel.Goldens"/> (the golden
/// reported as golden_idx.jpg); <see cref="MatchingGolden"/> is the first golden in library order that matches on its
/// own when the reference does not (-1: none or not needed), the candidate for automatic promotion (spec 4.3).
/// </summary>
public sealed record CompareJudgement(
    double Similarity,
    string? Defect,
    IReadOnlyList<CompareCheck> Checks,
    int ClosestGolden,
    int MatchingGolden,
    IReadOnlyList<string> Warnings);
