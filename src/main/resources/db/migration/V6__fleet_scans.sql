-- Fleet inventory: the latest scan of each cluster, as one JSON document, so every replica shows and
-- exports the scan whichever replica ran it.
CREATE TABLE fleet_scan (
    cluster    VARCHAR(253) PRIMARY KEY,
    scanned_at TIMESTAMP WITH TIME ZONE NOT NULL,
    document   TEXT NOT NULL
);
