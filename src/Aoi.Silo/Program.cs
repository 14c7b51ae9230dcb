// Standalone silo host; the hosting extensions are filled in by the grains/hosting work.
Console.WriteLine("Aoi.Silo");
