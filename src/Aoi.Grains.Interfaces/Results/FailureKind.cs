namespace Aoi.Grains.Interfaces;

/// <summary>
/// Why a grain did not do what it was asked, in domain terms. Aoi.Web maps each kind to the legacy contract's HTTP
/// status (mostly one status per kind; an endpoint may keep a legacy exception).
/// </summary>
[GenerateSerializer, Alias("aoi.FailureKind")]
public enum FailureKind
{
    /// <summary>The request itself is unusable (a bad name, a refused change).</summary>
    Invalid = 0,

    /// <summary>What it names does not exist (session, product, picture, golden sample).</summary>
    NotFound = 1,

    /// <summary>Another inspection or change of the same thing is running.</summary>
    Busy = 2,

    /// <summary>It would overwrite something that already exists.</summary>
    AlreadyExists = 3,

    /// <summary>A configuration breaks the rules of spec 2.4; the messages say which.</summary>
    ValidationFailed = 4,

    /// <summary>A picture larger than the limit.</summary>
    TooLarge = 5,

    /// <summary>A picture that cannot be read (unknown format, corrupt).</summary>
    UnreadableImage = 6,

    /// <summary>
    /// A golden library change that would let a confirmed defect pass (the review station's regression guard); the
    /// message names the regression sample.
    /// </summary>
    RegressionRefused = 7,
}
