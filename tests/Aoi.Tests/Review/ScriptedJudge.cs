using Aoi.Grains.Golden;
using Aoi.Grains.Review;

namespace Aoi.Tests.Review;

/// <summary>
/// A judge with a rule simple enough to build any case on purpose: a crop passes when the first golden in library
/// order (or, with <see cref="AnyGolden"/>, any golden) holds exactly the crop's bytes; a crop whose bytes are
/// <see cref="Unjudgeable"/> cannot be judged. Records every question, so a test can tell that nothing was asked.
/// </summary>
public sealed class ScriptedJudge : IProposedLibraryJudge
{
    public static readonly byte[] Unjudgeable = "cannot be judged"u8.ToArray();

    private readonly List<IReadOnlyList<string>> _asked = [];

    public bool AnyGolden { get; set; }

    public int Questions
    {
        get
        {
            lock (_asked)
            {
                return _asked.Count;
            }
        }
    }

    public Task<LibraryJudgement> JudgeAsync(
        string productName, RoiDefinition roi, string cropFile, IReadOnlyList<GoldenCandidate> library, CancellationToken cancellationToken)
    {
        lock (_asked)
        {
            _asked.Add(library.Select(c => c.Name).ToList());
        }

        var crop = File.ReadAllBytes(cropFile);
        if (crop.AsSpan().SequenceEqual(Unjudgeable))
        {
            return Task.FromResult(new LibraryJudgement(false, 0, 0.9, "scripted: unreadable"));
        }

        var considered = AnyGolden ? library : library.Take(1);
        var passes = considered.Any(c => File.ReadAllBytes(c.FullPath).AsSpan().SequenceEqual(crop));
        return Task.FromResult(new LibraryJudgement(passes, passes ? 1.0 : 0.5, 0.9, null));
    }
}
