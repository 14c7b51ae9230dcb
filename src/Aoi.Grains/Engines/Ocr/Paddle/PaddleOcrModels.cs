using System.Collections.Concurrent;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>
/// The loaded detection, recognition and direction models plus the CTC alphabet. Loaded once per folder for the
/// whole process (about 15 MB of weights, a few hundred ms), whatever the number of silos or evaluators.
/// </summary>
public sealed class PaddleOcrModels
{
    private static readonly ConcurrentDictionary<string, Lazy<PaddleOcrModels>> Loaded = new();

    private PaddleOcrModels(PaddleOcrModelFiles files)
    {
        files.EnsurePresent();
        Detection = new OnnxModel(files.Detection);
        Recognition = new OnnxModel(files.Recognition);
        DirectionClassifier = new OnnxModel(files.DirectionClassifier);
        Alphabet = CtcAlphabet.Load(files.Dictionary);
        var classes = Recognition.OutputDimensions[^1];
        if (classes > 0 && classes != Alphabet.ClassCount)
        {
            throw new InvalidDataException(
                $"recognition model has {classes} classes but {files.Dictionary} gives {Alphabet.ClassCount}");
        }
    }

    public OnnxModel Detection { get; }

    public OnnxModel Recognition { get; }

    public OnnxModel DirectionClassifier { get; }

    public CtcAlphabet Alphabet { get; }

    public static PaddleOcrModels Shared(PaddleOcrModelFiles files)
    {
        var key = Path.GetFullPath(files.Directory);
        var lazy = Loaded.GetOrAdd(key, _ => new Lazy<PaddleOcrModels>(() => new PaddleOcrModels(files)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed load is not cached: a later initialize may find the files.
            Loaded.TryRemove(new KeyValuePair<string, Lazy<PaddleOcrModels>>(key, lazy));
            throw;
        }
    }
}
