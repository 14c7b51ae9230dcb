namespace Aoi.Grains.Inspection;

/// <summary>
/// Whoever turns an inspection's response into an answer for a station (the web front end's legacy JSON) rehearses
/// that once with the start-up rehearsal's response (<see cref="InspectionRehearsal"/>), so a first real answer costs
/// what a warm one does. Nothing is sent: the rehearsed answer is thrown away.
/// </summary>
public interface IAnswerRehearsal
{
    void Rehearse(InspectionResponse response);
}
