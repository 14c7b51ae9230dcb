using System.Text.Json.Serialization;

namespace Aoi.Grains.Cfx.Messages;

// The CFX enumerations this server uses, spelled as IPC-2591 (CFX 2.1) spells them on the wire: JSON strings with the
// member names below. Only members the standard defines; order as in the standard.

/// <summary>CFX.Structures.TestResult: the result of a unit or of one inspection.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TestResult>))]
public enum TestResult { Passed, Failed, Error, Aborted, Skipped }

/// <summary>CFX.Structures.InspectionMethod: AOI for the machine's own inspections, Human for an operator's review.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InspectionMethod>))]
public enum InspectionMethod { Human, AOI, SPI, AXI }

/// <summary>CFX.Structures.VerificationResult: what a verification (operator review) decided about a defect.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerificationResult>))]
public enum VerificationResult { NotVerifiedYet, DefectConfirmed, DefectRejected, DefectAccepted, DefectRepaired, DefectClosed }

/// <summary>CFX.Structures.WorkResult: Completed = work done with a good result, Failed = done with an undesirable one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkResult>))]
public enum WorkResult { Completed, Failed, Aborted, Skipped }

/// <summary>CFX.Structures.UnitStatus: the condition of a unit after the operation.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnitStatus>))]
public enum UnitStatus { Pass, Fail, Scrap, Skip }

/// <summary>CFX.Structures.ActorType: who performed an inspection.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActorType>))]
public enum ActorType { Human, Robot, RemoteSystem }

/// <summary>CFX.Structures.SamplingMethod: this server inspects every unit (NoSampling).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SamplingMethod>))]
public enum SamplingMethod { NoSampling, ANSI_Z14, MIL_STD_105, MIL_STD_1916, Squeglia, FixedSample }
