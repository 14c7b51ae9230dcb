-- AOI cluster membership for the Orleans ADO.NET clustering provider on PostgreSQL (our own design).
-- Applied at every silo start and by `Aoi.Silo --install-schema`, inside one transaction that holds an advisory lock
-- (PostgresSchemaInstaller): every statement must be idempotent.
--
-- The provider knows no table names. At start it reads the named queries below from OrleansQuery and later runs them
-- with these parameters: @DeploymentId (the ClusterId), @Address/@Port/@Generation (one silo incarnation), @SiloName,
-- @HostName, @Status (SiloStatus: 3 Active, 6 Dead), @ProxyPort (gateway port, 0 = none), @StartTime,
-- @IAmAliveTime, @SuspectTimes ("address,time|..." or NULL) and @Version (the table version the silo last read).
-- Membership changes are optimistic: a write succeeds only while the table version is still the one the writer read,
-- and bumps it in the same statement; the boolean answer tells the silo whether to re-read and retry.
-- Parameters are CAST where a NULL may arrive, because PostgreSQL cannot infer the type of an untyped NULL.
-- Timestamps are timestamptz: Orleans sends UTC DateTimes, and instants compare correctly whatever the server zone.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- One row per cluster: the version every membership change must match and bump.
CREATE TABLE IF NOT EXISTS AoiMembershipVersion
(
    DeploymentId varchar(150) NOT NULL PRIMARY KEY,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0
);

-- One row per silo incarnation (a restarted silo has a new Generation, so it is a new row).
CREATE TABLE IF NOT EXISTS AoiMembership
(
    DeploymentId varchar(150) NOT NULL REFERENCES AoiMembershipVersion (DeploymentId),
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NULL,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Answers one boolean row: true when this call created the cluster's version row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO AoiMembershipVersion (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created);
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- The version is bumped only when the expected version still holds and the silo is not there yet; the row is inserted
-- only when the bump happened. Two silos joining with the same version serialise on the version row: the second one's
-- version condition fails after the first commits, so it answers false and re-reads.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE AoiMembershipVersion v
    SET Version = v.Version + 1, Timestamp = now()
    WHERE v.DeploymentId = @DeploymentId AND v.Version = @Version
      AND NOT EXISTS (SELECT 1 FROM AoiMembership m
                      WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address
                        AND m.Port = @Port AND m.Generation = @Generation)
    RETURNING v.DeploymentId),
inserted AS (
    INSERT INTO AoiMembership
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT b.DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           @StartTime, @IAmAliveTime
    FROM bumped b
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM inserted);
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Same optimistic rule as the insert. IAmAliveTime never moves backwards: a delayed heartbeat must not make a live
-- silo look older than it is.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE AoiMembershipVersion v
    SET Version = v.Version + 1, Timestamp = now()
    WHERE v.DeploymentId = @DeploymentId AND v.Version = @Version
      AND EXISTS (SELECT 1 FROM AoiMembership m
                  WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address
                    AND m.Port = @Port AND m.Generation = @Generation)
    RETURNING v.DeploymentId),
updated AS (
    UPDATE AoiMembership m
    SET Status = @Status,
        SuspectTimes = CAST(@SuspectTimes AS text),
        IAmAliveTime = GREATEST(m.IAmAliveTime, @IAmAliveTime)
    FROM bumped b
    WHERE m.DeploymentId = b.DeploymentId AND m.Address = @Address
      AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM updated);
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- The heartbeat: no version change, so it never conflicts with membership votes.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', $q$
UPDATE AoiMembership
SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Reads return the version row even when no silo matches (the provider takes the table version from the first row
-- and treats a NULL StartTime as "no entry"); one statement, so version and rows come from one snapshot.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM AoiMembershipVersion v
LEFT JOIN AoiMembership m
       ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM AoiMembershipVersion v
LEFT JOIN AoiMembership m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Clients (the web front end) find silos here: active silos that run a gateway.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
FROM AoiMembership
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', $q$
DELETE FROM AoiMembership WHERE DeploymentId = @DeploymentId;
DELETE FROM AoiMembershipVersion WHERE DeploymentId = @DeploymentId;
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Pruning of dead incarnations that have been silent since before the cutoff; live or suspected silos are kept.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM AoiMembership
WHERE DeploymentId = @DeploymentId AND Status = 6
  AND IAmAliveTime < @IAmAliveTime AND StartTime < @IAmAliveTime
  AND COALESCE(SuspectTimes, '') = '';
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Pruning of one dead incarnation, only while the row still holds the values the caller read (a concurrent change
-- wins). No version bump: removing a dead silo changes nobody's view of who is alive.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntryKey', $q$
DELETE FROM AoiMembership
WHERE DeploymentId = @DeploymentId AND Status = 6
  AND Address = @Address AND Port = @Port AND Generation = @Generation
  AND IAmAliveTime = @IAmAliveTime AND StartTime = @StartTime
  AND COALESCE(SuspectTimes, '') = COALESCE(CAST(@SuspectTimes AS text), '');
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
