namespace Aoi.Grains.Engines.Compare.Library;

/// <summary>
/// A judge whose models can be kept on disk (<see cref="LibraryModelStore"/>), so that a restarted silo reads the models
/// built at teach time instead of building every one again. Reading back must give a model that judges every crop
/// exactly as the one written.
/// </summary>
public interface IStoredModelFormat
{
    void Write(LibraryModel model, BinaryWriter writer);

    /// <summary>The model written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> or
    /// <see cref="EndOfStreamException"/> for anything else.</summary>
    LibraryModel Read(BinaryReader reader);
}
