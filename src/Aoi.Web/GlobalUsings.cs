global using Aoi.Grains.Interfaces;
global using Orleans;
