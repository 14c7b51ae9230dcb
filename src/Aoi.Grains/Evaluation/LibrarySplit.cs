namespace Aoi.Grains.Evaluation;

/// <summary>
/// Taught / unseen split of a ROI's captures (spec 3.6). Suspect and unreadable files take no part; the remaining
/// captures alternate in library order (best_golden.jpg first, then ordinal by name): 1st, 3rd, 5th… are taught,
/// 2nd, 4th… unseen. best_golden.jpg is always taught — even when suspect, because the server always compares with it
/// first (the report lists it as suspect).
/// </summary>
public sealed record LibrarySplit(IReadOnlyList<LibraryCapture> Taught, IReadOnlyList<LibraryCapture> Unseen)
{
    public static LibrarySplit Of(RoiLibrary library, IReadOnlySet<string> suspects)
    {
        var taught = new List<LibraryCapture>();
        var unseen = new List<LibraryCapture>();
        var usable = library.Captures
            .Where(c => c.Image is not null && (c.IsBest || !suspects.Contains(c.Name)))
            .ToList();
        for (var i = 0; i < usable.Count; i++)
        {
            (usable[i].IsBest || i % 2 == 0 ? taught : unseen).Add(usable[i]);
        }

        return new LibrarySplit(taught, unseen);
    }
}
