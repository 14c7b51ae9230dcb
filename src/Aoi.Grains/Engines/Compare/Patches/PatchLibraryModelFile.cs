using System.Runtime.InteropServices;
using Aoi.Grains.Engines.Compare.Library;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare.Patches;

/// <summary>
/// The stored form of a <see cref="PatchLibraryModel"/>: exactly the floats it scores with — the memory's centre, each
/// golden's normalised cells and grey copy, the turned reference's likewise, the tolerance map — and its scalars,
/// little-endian. A model built and compacted (<see cref="PatchLibraryModel.Compact"/>) and one read back hold the same
/// values, so the one read back judges bit for bit like the one built.
/// </summary>
internal static class PatchLibraryModelFile
{
    /// <summary>Sanity bound on one stored array (far above a 160² px crop's 20×20×384 cells).</summary>
    private const int MaxFloats = 1 << 24;

    private const int MaxItems = 4096;

    public static void Write(BinaryWriter writer, PatchLibraryModel model)
    {
        writer.Write(model.RoiSize.Width);
        writer.Write(model.RoiSize.Height);
        writer.Write(model.Goldens.Count);
        foreach (var golden in model.Goldens)
        {
            writer.Write(golden);
        }

        writer.Write(model.Excluded.Count);
        foreach (var excluded in model.Excluded)
        {
            writer.Write(excluded.Name);
            writer.Write(excluded.Reason);
        }

        var memory = model.Memory;
        WriteFloats(writer, memory.Centre);
        writer.Write(memory.Count);
        for (var k = 0; k < memory.Count; k++)
        {
            WriteImage(writer, memory.Features(k), memory.CellsOf(k));
        }

        writer.Write(model.TurnedReference is not null && model.TurnedCells is not null);
        if (model is { TurnedReference: { } turned, TurnedCells: { } turnedCells })
        {
            WriteImage(writer, turned, turnedCells);
        }

        writer.Write(model.Tolerance.Width);
        writer.Write(model.Tolerance.Height);
        writer.Write(model.Tolerance.Lift);
        WriteFloats(writer, model.Tolerance.Values);
        writer.Write(model.ReferenceTexture);
        writer.Write(model.Positions.Count);
        foreach (var (dx, dy) in model.Positions)
        {
            writer.Write(dx);
            writer.Write(dy);
        }
    }

    public static PatchLibraryModel Read(BinaryReader reader)
    {
        var roiSize = new Size(reader.ReadInt32(), reader.ReadInt32());
        var goldens = ReadList(reader, r => r.ReadString());
        var excluded = ReadList(reader, r => new ExcludedGolden(r.ReadString(), r.ReadString()));
        var centre = ReadFloats(reader);
        var memory = new PatchMemory(centre, ReadList(reader, ReadImage));
        var turned = reader.ReadBoolean() ? ReadImage(reader) : ((PatchFeatures, NormalisedCells)?)null;
        var width = reader.ReadInt32();
        var height = reader.ReadInt32();
        var lift = reader.ReadSingle();
        var tolerance = ToleranceMap.Restore(width, height, ReadFloats(reader), lift);
        var texture = reader.ReadDouble();
        var positions = ReadList(reader, r => (r.ReadDouble(), r.ReadDouble()));
        if (goldens.Count != memory.Count || positions.Count != memory.Count || tolerance.Width != memory.GridWidth ||
            tolerance.Height != memory.GridHeight || turned is { } t && (t.Item1.CellCount != memory.GridWidth * memory.GridHeight ||
                t.Item2.Values.Length != t.Item1.CellCount * memory.Channels || t.Item2.Pooled.Length != memory.Channels))
        {
            throw new InvalidDataException("stored patch model is inconsistent");
        }

        return new PatchLibraryModel(roiSize, goldens, excluded, memory, tolerance, turned?.Item1, texture, positions, turned?.Item2);
    }

    /// <summary>An image as a model keeps it: grid and grey copy, and its normalised cells (the raw cells are not kept).</summary>
    private static void WriteImage(BinaryWriter writer, PatchFeatures features, NormalisedCells cells)
    {
        writer.Write(features.GridWidth);
        writer.Write(features.GridHeight);
        writer.Write(features.Channels);
        writer.Write(features.GreyWidth);
        writer.Write(features.GreyHeight);
        WriteFloats(writer, features.Grey);
        WriteFloats(writer, cells.Values);
        WriteFloats(writer, cells.Pooled);
    }

    private static (PatchFeatures, NormalisedCells) ReadImage(BinaryReader reader)
    {
        var (gridWidth, gridHeight, channels) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var (greyWidth, greyHeight) = (reader.ReadInt32(), reader.ReadInt32());
        var grey = ReadFloats(reader);
        var cells = new NormalisedCells(ReadFloats(reader), ReadFloats(reader));
        if (gridWidth <= 0 || gridHeight <= 0 || channels <= 0 || (long)gridWidth * gridHeight * channels != cells.Values.Length ||
            cells.Pooled.Length != channels || greyWidth <= 0 || greyHeight <= 0 || (long)greyWidth * greyHeight != grey.Length)
        {
            throw new InvalidDataException("stored patch image does not match its grid");
        }

        return (new PatchFeatures(gridWidth, gridHeight, channels, [], greyWidth, greyHeight, grey), cells);
    }

    private static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    private static float[] ReadFloats(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > MaxFloats)
        {
            throw new InvalidDataException($"stored array of {count} floats");
        }

        var values = new float[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        while (bytes.Length > 0)
        {
            var read = reader.Read(bytes);
            if (read == 0)
            {
                throw new EndOfStreamException("stored patch model is truncated");
            }

            bytes = bytes[read..];
        }

        return values;
    }

    private static List<T> ReadList<T>(BinaryReader reader, Func<BinaryReader, T> item)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > MaxItems)
        {
            throw new InvalidDataException($"stored list of {count} items");
        }

        var items = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(item(reader));
        }

        return items;
    }
}
