-- Values Alertmanager copies from its configuration and from Prometheus (a receiver name, a group key
-- made of label values, an alert name, a generator URL that carries the whole PromQL expression) have
-- no length limit. Past a column's limit the insert failed on every redelivery, a fault of the
-- payload that retrying never cures; as text they are stored whatever their length.
ALTER TABLE notification ALTER COLUMN receiver SET DATA TYPE TEXT;
ALTER TABLE notification ALTER COLUMN group_key SET DATA TYPE TEXT;
ALTER TABLE report_alert ALTER COLUMN alertname SET DATA TYPE TEXT;
ALTER TABLE report_alert ALTER COLUMN generator_url SET DATA TYPE TEXT;
