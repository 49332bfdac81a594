-- The points' audit logs (door opens, operator actions), as the kiosks synced them. Append-only.
CREATE TABLE audit_log (
  county_id    text NOT NULL REFERENCES counties (id),
  id           text NOT NULL,
  village_id   text NOT NULL REFERENCES villages (id),
  device_id    text NOT NULL REFERENCES devices (id),
  mutation_id  text NOT NULL,
  kind         text NOT NULL,
  operator_id  text,
  detail       jsonb NOT NULL,
  device_at    timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
CREATE INDEX audit_log_village_idx ON audit_log (county_id, village_id, device_at);
