namespace Aoi.Grains.Engines.Compare;

/// <summary>The intermediate signals behind one aligned-spatial score, for measurement and documentation.</summary>
public sealed record SimilarityBreakdown(
    CropAlignment Alignment,
    double StructureMean,
    double StructureWorstBlock,
    double Stage2Mean,
    double Stage2WorstBlock,
    double Stage3Mean,
    double Stage3WorstBlock,
    double Similarity)
{
    public double Centred2Mean { get; init; }
    public double Centred2Worst { get; init; }
    public double Centred3Mean { get; init; }
    public double Centred3Worst { get; init; }
}
