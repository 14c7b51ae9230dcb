global using Aoi.Grains.Interfaces;
