-- AOI grain storage for the Orleans ADO.NET grain storage provider on PostgreSQL (our own design; same contract and
-- semantics as Sqlite-GrainStorage.sql). Applied with PostgreSql-Clustering.sql in one locked transaction: every
-- statement must be idempotent.
--
-- Parameters: @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
-- @GrainIdExtensionString (NULL for most keys), @GrainStateVersion (the ETag, NULL for a grain that has never
-- written) and @PayloadBinary. Write and clear answer one column NewGrainStateVersion; "no row" while the grain held no
-- ETag, or the ETag it sent, means a version conflict to the provider.
-- Nullable parameters are CAST because PostgreSQL cannot infer the type of an untyped NULL.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- The extension string is stored as '' rather than NULL so the primary key (and the upsert on it) covers it.
CREATE TABLE IF NOT EXISTS AoiGrainState
(
    GrainIdHash            integer      NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    ServiceId              varchar(150) NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainIdExtensionString varchar(512) NOT NULL DEFAULT '',
    PayloadBinary          bytea        NULL,
    Version                integer      NOT NULL,
    ModifiedOn             timestamptz  NOT NULL,
    PRIMARY KEY (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

-- Insert when the grain has no row yet, otherwise update only while the stored Version equals the grain's ETag.
-- A row that vanished under a grain holding an ETag is written again as version 1 rather than refused (as on SQLite).
-- Two activations racing on a first write meet in ON CONFLICT: one inserts, the other gets no row = conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $q$
WITH written AS (
    INSERT INTO AoiGrainState
        (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString,
         PayloadBinary, Version, ModifiedOn)
    VALUES
        (@GrainIdHash, @GrainTypeHash, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
         COALESCE(CAST(@GrainIdExtensionString AS varchar), ''), CAST(@PayloadBinary AS bytea), 1, now())
    ON CONFLICT (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
    DO UPDATE SET
        PayloadBinary = EXCLUDED.PayloadBinary,
        Version = AoiGrainState.Version + 1,
        ModifiedOn = EXCLUDED.ModifiedOn
    WHERE AoiGrainState.Version = CAST(@GrainStateVersion AS integer)
    RETURNING Version)
SELECT Version AS NewGrainStateVersion FROM written
UNION ALL
SELECT CAST(@GrainStateVersion AS integer)
WHERE NOT EXISTS (SELECT 1 FROM written) AND CAST(@GrainStateVersion AS integer) IS NOT NULL;
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
FROM AoiGrainState
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), '');
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Clearing keeps the row and bumps the version, so a stale activation still meets a version conflict afterwards.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE AoiGrainState
    SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = now()
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
      AND Version = CAST(@GrainStateVersion AS integer)
    RETURNING Version)
SELECT Version AS NewGrainStateVersion FROM cleared
UNION ALL
SELECT CAST(@GrainStateVersion AS integer)
WHERE NOT EXISTS (SELECT 1 FROM cleared) AND CAST(@GrainStateVersion AS integer) IS NOT NULL;
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
