using Aoi.Grains.Golden;

namespace Aoi.Grains.Review;

/// <summary>
/// A ROI's golden library as a change would leave it, for the regression check before the change is made: the
/// folder's candidates renamed, added (a file outside the folder under the name it would get) or removed, in compare
/// order. Renames keep the file, so cached features still apply.
/// </summary>
public sealed class LibraryProposal
{
    private readonly IReadOnlyList<GoldenCandidate> _candidates;

    private LibraryProposal(IEnumerable<GoldenCandidate> candidates) => _candidates = GoldenFolder.InCompareOrder(candidates);

    public IReadOnlyList<GoldenCandidate> Candidates => _candidates;

    public static LibraryProposal Of(IEnumerable<GoldenCandidate> current) => new(current);

    /// <summary>The file named <paramref name="from"/> under the name <paramref name="to"/>; unchanged when absent.</summary>
    public LibraryProposal Rename(string from, string to) =>
        new(_candidates.Select(c => c.Name == from ? c with { Name = to } : c));

    /// <summary>Adds <paramref name="file"/> as <paramref name="name"/>, replacing a candidate of that name.</summary>
    public LibraryProposal Add(string name, string file)
    {
        var info = new FileInfo(file);
        return new(_candidates.Where(c => c.Name != name).Append(new GoldenCandidate(name, info.FullName, info.Length, info.LastWriteTimeUtc.Ticks)));
    }

    public LibraryProposal Remove(string name) => new(_candidates.Where(c => c.Name != name));

    /// <summary>Same files under the same names in the same order.</summary>
    public bool SameAs(LibraryProposal other) =>
        _candidates.Count == other._candidates.Count
        && _candidates.Zip(other._candidates).All(p => p.First.Name == p.Second.Name && p.First.FullPath == p.Second.FullPath);
}
