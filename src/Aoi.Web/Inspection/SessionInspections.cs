using Aoi.Grains.Inspection;
using Aoi.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Inspection;

/// <summary>
/// Calls a session's inspection with the front end's own deadline: the inspection budget plus a grace for the answer
/// to travel. A silo lost mid-inspection can leave the call without an answer (its gateway gone with it); at the
/// deadline the call ends with <see cref="OperationCanceledException"/>, which the error handling answers as 503.
/// </summary>
public sealed class SessionInspections(IGrainFactory grains, IOptions<InspectionOptions> inspection, IOptions<WebOptions> web)
{
    public TimeSpan Deadline => inspection.Value.Budget + TimeSpan.FromSeconds(web.Value.InspectionGraceSeconds);

    public async Task<InspectionOutcome> InspectAsync(string sessionId, InspectionRequest request, IInspectionProgressObserver? observer = null)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await grains.GetGrain<IInspectionSessionGrain>(sessionId).InspectAsync(request, observer, deadline.Token);
    }
}
