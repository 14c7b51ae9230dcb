-- AOI grain storage schema for the Orleans ADO.NET grain storage provider on SQLite (our own design).
-- Applied at every start by SqliteSchemaInstaller inside one transaction: every statement must be idempotent.
--
-- The provider knows no table names: at start it reads the named queries WriteToStorageKey, ReadFromStorageKey and
-- ClearStorageKey from OrleansQuery and later runs them with the parameters @ServiceId, @GrainTypeHash,
-- @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @GrainStateVersion (the ETag,
-- NULL for a grain that has never written) and @PayloadBinary (the serialized state).
-- Result contract: write and clear return one column NewGrainStateVersion. The provider treats "no row" while it
-- held no ETag, a NULL value, or the ETag it sent as a version conflict, so a refused write returns the old ETag.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- One row per (service, grain type, grain id). The extension string is stored as '' rather than NULL because SQLite
-- treats NULLs as distinct in a UNIQUE index, which would defeat the upsert below.
CREATE TABLE IF NOT EXISTS AoiGrainState
(
    ServiceId              TEXT    NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainIdExtensionString TEXT    NOT NULL DEFAULT '',
    PayloadBinary          BLOB    NULL,
    Version                INTEGER NOT NULL,
    ModifiedOn             TEXT    NOT NULL
);

-- Hashes first: they narrow the lookup; the clear-text columns resolve hash collisions.
CREATE UNIQUE INDEX IF NOT EXISTS UX_AoiGrainState_Key ON AoiGrainState
    (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString);

-- Insert when the grain has no row yet, otherwise update only when the stored Version still equals the ETag the
-- grain holds (optimistic concurrency). A row that vanished under a grain holding an ETag is written again as
-- version 1 rather than refused: losing a backup is worse than a restarted version count.
-- changes() is 0 when the upsert neither inserted nor updated; the second statement then reports the old ETag.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
INSERT INTO AoiGrainState
    (ServiceId, GrainTypeHash, GrainTypeString, GrainIdHash, GrainIdN0, GrainIdN1, GrainIdExtensionString,
     PayloadBinary, Version, ModifiedOn)
VALUES
    (@ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
     COALESCE(@GrainIdExtensionString, ''''), @PayloadBinary, 1, strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''))
ON CONFLICT (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
DO UPDATE SET
    PayloadBinary = excluded.PayloadBinary,
    Version = AoiGrainState.Version + 1,
    ModifiedOn = excluded.ModifiedOn
WHERE AoiGrainState.Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
SELECT @GrainStateVersion AS NewGrainStateVersion WHERE changes() = 0 AND @GrainStateVersion IS NOT NULL;
');

-- Column order matters to the provider only by name: PayloadBinary (NULL after a clear) and Version.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM AoiGrainState
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''');
');

-- Clearing keeps the row and bumps the version, so a stale activation still meets a version conflict afterwards.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE AoiGrainState
SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
SELECT @GrainStateVersion AS NewGrainStateVersion WHERE changes() = 0 AND @GrainStateVersion IS NOT NULL;
');

-- Schema generation of this file; a later migration compares and raises it.
PRAGMA user_version = 1;
