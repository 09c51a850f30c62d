-- Notifications as Alertmanager delivered them: stored before the webhook answers 202.
CREATE TABLE notification (
  id            VARCHAR(36)              NOT NULL PRIMARY KEY,
  received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  status        VARCHAR(16)              NOT NULL,
  receiver      VARCHAR(500),
  group_key     VARCHAR(4000),
  alert_count   INTEGER                  NOT NULL,
  body          TEXT                     NOT NULL
);

-- One report per (cluster, node, alert instance); the diagnosis itself is a JSON document.
CREATE TABLE report (
  id              VARCHAR(36)              NOT NULL PRIMARY KEY,
  cluster         VARCHAR(253)             NOT NULL,
  node            VARCHAR(253),
  node_label      VARCHAR(64),
  scope           VARCHAR(16)              NOT NULL,
  status          VARCHAR(16)              NOT NULL,
  alert_status    VARCHAR(16)              NOT NULL,
  playbook        VARCHAR(100),
  root_cause      VARCHAR(64),
  parent_id       VARCHAR(36),
  notification_id VARCHAR(36),
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at      TIMESTAMP WITH TIME ZONE,
  completed_at    TIMESTAMP WITH TIME ZONE,
  claimed_by      VARCHAR(200),
  claimed_at      TIMESTAMP WITH TIME ZONE,
  attempts        INTEGER                  NOT NULL DEFAULT 0,
  failure         VARCHAR(4000),
  document        TEXT
);

CREATE INDEX report_queue ON report (cluster, status, created_at);
CREATE INDEX report_created ON report (created_at);
CREATE INDEX report_node ON report (cluster, node, created_at);

-- An alert instance is (cluster, fingerprint, startsAt): a duplicate delivery finds its report here.
CREATE TABLE report_alert (
  cluster       VARCHAR(253)             NOT NULL,
  fingerprint   VARCHAR(64)              NOT NULL,
  starts_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  report_id     VARCHAR(36)              NOT NULL REFERENCES report (id),
  alertname     VARCHAR(253)             NOT NULL,
  status        VARCHAR(16)              NOT NULL,
  ends_at       TIMESTAMP WITH TIME ZONE,
  labels        TEXT                     NOT NULL,
  annotations   TEXT                     NOT NULL,
  generator_url VARCHAR(4000),
  PRIMARY KEY (cluster, fingerprint, starts_at)
);

CREATE INDEX report_alert_report ON report_alert (report_id);
