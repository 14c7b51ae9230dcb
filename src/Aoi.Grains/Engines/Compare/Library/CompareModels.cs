using Aoi.Grains.Golden;
using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare.Library;

/// <summary>
/// The ROI models of golden folders: built from the files when the library changes (the golden grain after every
/// change, the warm-up after a product's sessions start or the silo starts) and cached by the folder's listing, so an
/// inspection normally only scores. A folder's model is also kept in the <see cref="LibraryModelStore"/> when there is
/// one, so after a restart it is read rather than built. When an inspection finds no model for the current listing
/// (files changed outside the server, another silo taught the change) it builds one itself, once for all concurrent
/// callers.
/// </summary>
public sealed class CompareModels(
    CompareMethodSelector methods, LibraryModelCache cache, ILogger<CompareModels> logger, LibraryModelStore? store = null)
{
    public const string UnreadableReason = "unreadable: the file cannot be decoded as an image";

    /// <summary>The model for the ROI's current library (built now if needed). Never throws for a missing or unreadable
    /// library: that is the lookup's <see cref="CompareModelLookup.Error"/>.</summary>
    public CompareModelLookup For(string productFolder, RoiDefinition roi, CancellationToken cancellationToken = default)
    {
        var judge = methods.For(roi.FeatureMethod);
        var folder = new GoldenFolder(Path.Combine(productFolder, "golden_rois", $"roi_{roi.Idx}"));
        var candidates = folder.ListCandidates();
        if (candidates.Count == 0)
        {
            return new CompareModelLookup(judge, null, candidates, "no golden sample");
        }

        var size = new Size(roi.Coords.Width, roi.Coords.Height);
        var key = LibraryModelKey.Of(folder, candidates, size.Width, size.Height, judge.Name);
        try
        {
            var model = cache.GetOrBuild(key, () => ReadOrBuild(key, judge, folder, candidates, size, cancellationToken));
            return new CompareModelLookup(judge, model, candidates, null);
        }
        catch (NoReadableGoldenException)
        {
            return new CompareModelLookup(judge, null, candidates, "no readable golden sample", [.. candidates.Select(c => c.Name)]);
        }
    }

    /// <summary>The model of exactly these golden files in this order (a proposed library: files anywhere, named as they
    /// are or would be in the ROI's folder), cached by their paths, names and stamps like a folder's.</summary>
    public CompareModelLookup ForFiles(RoiDefinition roi, IReadOnlyList<GoldenCandidate> files, CancellationToken cancellationToken = default)
    {
        var judge = methods.For(roi.FeatureMethod);
        if (files.Count == 0)
        {
            return new CompareModelLookup(judge, null, files, "no golden sample");
        }

        var size = new Size(roi.Coords.Width, roi.Coords.Height);
        var key = new LibraryModelKey(ProposedFolder,
            string.Join('|', files.Select(c => $"{c.FullPath}>{c.Name}:{c.Stamp}")), size.Width, size.Height, judge.Name);
        try
        {
            return new CompareModelLookup(judge, cache.GetOrBuild(key, () => Build(judge, null, files, size, cancellationToken)), files, null);
        }
        catch (NoReadableGoldenException)
        {
            return new CompareModelLookup(judge, null, files, "no readable golden sample", [.. files.Select(c => c.Name)]);
        }
    }

    /// <summary>The cache's folder key of proposed libraries (no real folder; dropped together when memory runs short).</summary>
    private const string ProposedFolder = "(proposed library)";

    /// <summary>Whether the model for the ROI's current library is already built (no work is done).</summary>
    public bool IsReady(string productFolder, RoiDefinition roi)
    {
        var judge = methods.For(roi.FeatureMethod);
        var folder = new GoldenFolder(Path.Combine(productFolder, "golden_rois", $"roi_{roi.Idx}"));
        var candidates = folder.ListCandidates();
        return candidates.Count == 0 || cache.TryGet(LibraryModelKey.Of(folder, candidates, roi.Coords.Width, roi.Coords.Height, judge.Name), out _);
    }

    public void Invalidate(string folder)
    {
        cache.InvalidateFolder(folder);
        store?.DeleteFolder(folder);
    }

    /// <summary>The stored model of the folder's current library, or one built now and stored.</summary>
    private LibraryModel ReadOrBuild(LibraryModelKey key, ILibraryJudge judge, GoldenFolder folder, IReadOnlyList<GoldenCandidate> candidates,
        Size size, CancellationToken cancellationToken)
    {
        if (store?.TryLoad(key, judge) is { } stored)
        {
            logger.LogDebug("Read {Method} model of {Folder} from {Path}", judge.Name, folder.FullPath, store.PathOf(key));
            return stored;
        }

        var model = Build(judge, folder, candidates, size, cancellationToken);
        store?.Save(key, judge, model);
        return model;
    }

    private LibraryModel Build(ILibraryJudge judge, GoldenFolder? folder, IReadOnlyList<GoldenCandidate> candidates, Size size,
        CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var images = new List<GoldenImage>(candidates.Count);
        var unreadable = new List<ExcludedGolden>();
        try
        {
            foreach (var candidate in candidates)
            {
                var image = GoldenImages.LoadAtSize(candidate.FullPath, size);
                if (image is null && folder?.Relocated(candidate) is { } moved)
                {
                    // Renamed by a concurrent promotion since the listing (spec 8 case 29): read it under its new name.
                    image = GoldenImages.LoadAtSize(moved.FullPath, size);
                }

                if (image is null)
                {
                    logger.LogWarning("Unreadable golden sample {Path} left out of the ROI model", candidate.FullPath);
                    unreadable.Add(new ExcludedGolden(candidate.Name, UnreadableReason));
                    continue;
                }

                images.Add(new GoldenImage(candidate.Name, image));
            }

            if (images.Count == 0)
            {
                throw new NoReadableGoldenException();
            }

            var model = judge.Build(size, images, cancellationToken);
            logger.LogDebug("Built {Method} model of {Folder} ({Goldens} goldens) in {Ms} ms", judge.Name, folder?.FullPath ?? ProposedFolder,
                images.Count, started.ElapsedMilliseconds);
            model.AddExcluded(unreadable);
            return model;
        }
        finally
        {
            images.ForEach(i => i.Image.Dispose());
        }
    }

    private sealed class NoReadableGoldenException : Exception;
}

/// <summary>The ROI's judge, its model (null when <see cref="Error"/> says why there is none) and the folder's listing.</summary>
/// <param name="Unreadable">When no golden could be read, their names (otherwise the model's exclusions say it).</param>
public sealed record CompareModelLookup(
    ILibraryJudge Judge, LibraryModel? Model, IReadOnlyList<GoldenCandidate> Candidates, string? Error, IReadOnlyList<string>? Unreadable = null);
