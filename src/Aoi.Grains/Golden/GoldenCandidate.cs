namespace Aoi.Grains.Golden;

/// <summary>A golden sample file as it was when its folder was listed.</summary>
public sealed record GoldenCandidate(string Name, string FullPath, long Size, long LastWriteTicks)
{
    public bool IsBest => Name == GoldenFolder.BestName;

    /// <summary>"size:lastWriteTicks": what promotion re-checks to know the file is unchanged (spec 4.3).</summary>
    public string Stamp => GoldenFolder.FormatStamp(Size, LastWriteTicks);
}
