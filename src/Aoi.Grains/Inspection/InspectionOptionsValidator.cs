using Aoi.Grains.Options;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Inspection;

/// <summary>A ROI's own budget must fit in the inspection's, or a slow ROI would always end as the whole inspection's timeout.</summary>
public sealed class InspectionOptionsValidator(IOptions<AoiOptions> aoi) : IValidateOptions<InspectionOptions>
{
    public ValidateOptionsResult Validate(string? name, InspectionOptions options) =>
        aoi.Value.RoiTimeoutSeconds <= options.BudgetSeconds
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{AoiOptions.SectionName}:{nameof(AoiOptions.RoiTimeoutSeconds)} ({aoi.Value.RoiTimeoutSeconds}) must not exceed " +
                $"{InspectionOptions.SectionName}:{nameof(InspectionOptions.BudgetSeconds)} ({options.BudgetSeconds})");
}
