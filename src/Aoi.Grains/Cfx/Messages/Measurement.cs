using System.Text.Json.Serialization;

namespace Aoi.Grains.Cfx.Messages;

/// <summary>
/// CFX.Structures.Measurement. Measurement lists are polymorphic in CFX, so every item names its type first
/// (<c>"$type": "CFX.Structures.NumericMeasurement, CFX"</c>), as the SDK writes it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(NumericMeasurement), "CFX.Structures.NumericMeasurement, CFX")]
public abstract record Measurement(
    string UniqueIdentifier,
    string MeasurementName,
    DateTimeOffset? TimeRecorded,
    int Sequence,
    TestResult Result,
    string? CRDs);

/// <summary>CFX.Structures.NumericMeasurement: a measured number against its limits (similarity, colour match, …).</summary>
public sealed record NumericMeasurement(
    string UniqueIdentifier,
    string MeasurementName,
    DateTimeOffset? TimeRecorded,
    int Sequence,
    TestResult Result,
    string? CRDs,
    NumericValue MeasuredValue) : Measurement(UniqueIdentifier, MeasurementName, TimeRecorded, Sequence, Result, CRDs);

/// <summary>CFX.Structures.NumericValue: a value and its acceptable range; units are null for dimensionless scores.</summary>
public sealed record NumericValue(
    double Value,
    string? ValueUnits,
    double? ExpectedValue,
    string? ExpectedValueUnits,
    double? MinimumAcceptableValue,
    string? MinimumAcceptableValueUnits,
    double? MaximumAcceptableValue,
    string? MaximumAcceptableValueUnits);
