using Aoi.Grains.Engines.Compare;

namespace Aoi.Benchmarks;

/// <summary>Knobs of the configured compare method given on the command line (accuracy --tuning, probe --variants).</summary>
public static class TuningArgument
{
    /// <summary>"blur=1,neighbours=0,deep=0.5,search=0.12,floor=0.6,placement=0,sparse=0" over the default tuning, so a
    /// method engineer measures a knob with the real harness (the report's method name stays the configured one's).</summary>
    public static AlignedSpatialTuning Parse(string knobs)
    {
        var tuning = AlignedSpatialTuning.Default;
        foreach (var knob in knobs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, value) = (knob.Split('=')[0], knob.Split('=')[^1]);
            var number = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            tuning = name switch
            {
                "blur" => tuning with { StructureBlurSigma = number },
                "neighbours" => tuning with { LibraryNeighbours = (int)number },
                "floor" => tuning with { LibraryPairFloor = number },
                "deep" => tuning with { DeepWeight = number },
                "search" => tuning with { SearchFraction = number },
                "placement" => tuning with { CheckPlacement = number != 0 },
                "sparse" => tuning with { CalibrateSparseLibraries = number != 0 },
                _ => throw new ArgumentException($"unknown tuning knob {name}"),
            };
        }

        return tuning;
    }
}
