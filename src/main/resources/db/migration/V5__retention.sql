-- Retention: a notification's raw body is dropped after retention.raw-bodies while the row stays for
-- its reports; old reports, their alerts and notifications are deleted in batches.
ALTER TABLE notification ALTER COLUMN body DROP NOT NULL;
-- The Alertmanager a report links to was read from the body; kept apart, it outlives the body.
ALTER TABLE notification ADD COLUMN external_url TEXT;

-- Each retention batch looks up notifications by age, a report's notification and a report's
-- children (a sweep is kept while a node report it opened is): without these indexes every batch
-- reads whole tables.
CREATE INDEX notification_received ON notification (received_at);
CREATE INDEX report_notification ON report (notification_id);
CREATE INDEX report_parent ON report (parent_id);
