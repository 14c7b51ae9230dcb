-- History schema v1 (PostgreSQL). Applied once by HistoryMigrationRunner, recorded in aoi_history_migrations.
-- Times are Unix milliseconds (UTC); verdicts are 0/1; "day" is the server-local yyyy-MM-dd of the inspection.
CREATE TABLE IF NOT EXISTS aoi_history_inspections (
    id TEXT NOT NULL PRIMARY KEY,
    recorded_at_ms BIGINT NOT NULL,
    day TEXT NOT NULL,
    product TEXT NOT NULL,
    session_id TEXT NOT NULL,
    station TEXT NULL,
    client_info TEXT NOT NULL,
    grouped INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    total_rois INTEGER NOT NULL,
    passed_rois INTEGER NOT NULL,
    failed_rois INTEGER NOT NULL,
    processing_ms DOUBLE PRECISION NOT NULL,
    image_folder TEXT NULL,
    images_expire_at_ms BIGINT NULL
);
CREATE INDEX IF NOT EXISTS ix_aoi_history_inspections_time ON aoi_history_inspections (recorded_at_ms);
CREATE INDEX IF NOT EXISTS ix_aoi_history_inspections_product ON aoi_history_inspections (product, recorded_at_ms);
CREATE INDEX IF NOT EXISTS ix_aoi_history_inspections_station ON aoi_history_inspections (station, recorded_at_ms);
CREATE INDEX IF NOT EXISTS ix_aoi_history_inspections_images ON aoi_history_inspections (images_expire_at_ms) WHERE image_folder IS NOT NULL;

CREATE TABLE IF NOT EXISTS aoi_history_devices (
    inspection_id TEXT NOT NULL,
    device_id INTEGER NOT NULL,
    barcode TEXT NOT NULL,
    barcode_raw TEXT NOT NULL,
    barcode_source TEXT NOT NULL,
    passed INTEGER NOT NULL,
    PRIMARY KEY (inspection_id, device_id)
);
CREATE INDEX IF NOT EXISTS ix_aoi_history_devices_barcode ON aoi_history_devices (barcode);
CREATE INDEX IF NOT EXISTS ix_aoi_history_devices_barcode_raw ON aoi_history_devices (barcode_raw);

CREATE TABLE IF NOT EXISTS aoi_history_rois (
    inspection_id TEXT NOT NULL,
    roi_id INTEGER NOT NULL,
    roi_type TEXT NOT NULL,
    device_id INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    score DOUBLE PRECISION NULL,
    threshold DOUBLE PRECISION NULL,
    decoded TEXT NULL,
    error TEXT NULL,
    processing_ms DOUBLE PRECISION NOT NULL,
    group_key TEXT NULL,
    image_file TEXT NULL,
    golden_file TEXT NULL,
    PRIMARY KEY (inspection_id, roi_id)
);
