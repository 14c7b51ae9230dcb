-- History schema v3 (SQLite): the review station. Applied once by HistoryMigrationRunner; every statement is also
-- safe to run again (IF NOT EXISTS), so a half-applied copy made by hand cannot break the next start.
-- Verdicts are never updated in place except to mark them replaced: in_force = 1 is the ROI's verdict in force, a
-- later review of the same ROI sets the earlier one to 0 and names itself in replaced_by.
CREATE TABLE IF NOT EXISTS aoi_review_verdicts (
    review_id TEXT NOT NULL PRIMARY KEY,
    inspection_id TEXT NOT NULL,
    roi_id INTEGER NOT NULL,
    product TEXT NOT NULL,
    verdict TEXT NOT NULL,
    defect_kind TEXT NULL,
    note TEXT NULL,
    learned INTEGER NOT NULL,
    golden_file TEXT NULL,
    reason TEXT NULL,
    reviewer TEXT NOT NULL,
    reviewer_role TEXT NOT NULL,
    reviewed_at_ms INTEGER NOT NULL,
    in_force INTEGER NOT NULL,
    replaced_by TEXT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_aoi_review_verdicts_in_force ON aoi_review_verdicts (inspection_id, roi_id) WHERE in_force = 1;
CREATE INDEX IF NOT EXISTS ix_aoi_review_verdicts_roi ON aoi_review_verdicts (inspection_id, roi_id, reviewed_at_ms);
CREATE INDEX IF NOT EXISTS ix_aoi_review_verdicts_product ON aoi_review_verdicts (product, verdict) WHERE in_force = 1;

-- What a failed inspection's ROIs showed beyond the score (JSON: coordinates, and the compare engine's defect and
-- checks when it reports them), so the review station can draw the board and give the reason.
CREATE TABLE IF NOT EXISTS aoi_history_roi_details (
    inspection_id TEXT NOT NULL,
    roi_id INTEGER NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (inspection_id, roi_id)
);

-- The queue reads failed ROIs newest first.
CREATE INDEX IF NOT EXISTS ix_aoi_history_rois_failed ON aoi_history_rois (inspection_id) WHERE passed = 0;
