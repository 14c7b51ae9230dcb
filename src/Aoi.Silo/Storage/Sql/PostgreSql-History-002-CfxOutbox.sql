-- History schema v2 (PostgreSQL): the IPC-CFX outbox. Applied once by HistoryMigrationRunner; idempotent on its own.
-- aoi_cfx_outbox: CFX envelopes waiting for the broker, sent and deleted in seq order.
-- aoi_cfx_sender: one row, the lease of the one process that sends (so several silos never send the same message
-- twice at once) and what it last knew of the broker, for /api/health. Times are Unix milliseconds (UTC).
CREATE TABLE IF NOT EXISTS aoi_cfx_outbox (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unique_id TEXT NOT NULL,
    message_name TEXT NOT NULL,
    source TEXT NULL,
    time_stamp_ms BIGINT NOT NULL,
    envelope TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS aoi_cfx_sender (
    id INTEGER NOT NULL PRIMARY KEY,
    owner TEXT NULL,
    lease_until_ms BIGINT NOT NULL,
    connected INTEGER NOT NULL,
    last_error TEXT NULL,
    updated_at_ms BIGINT NOT NULL
);
INSERT INTO aoi_cfx_sender (id, owner, lease_until_ms, connected, last_error, updated_at_ms)
VALUES (1, NULL, 0, 0, NULL, 0) ON CONFLICT (id) DO NOTHING;
