-- Sending parcels (寄件, issue 6): the courier's collection from a point (dispatch manifests, as the
-- kiosks synced them) and the tracking events the county records for a shipment afterwards.

CREATE TABLE dispatch_manifests (
  county_id            text NOT NULL REFERENCES counties (id),
  id                   text NOT NULL,
  village_id           text NOT NULL REFERENCES villages (id),
  device_id            text NOT NULL REFERENCES devices (id),
  mutation_id          text NOT NULL,
  carrier              text NOT NULL,
  shipment_ids         text[] NOT NULL,
  returned_parcel_ids  text[] NOT NULL,
  operator_id          text NOT NULL,
  device_at            timestamptz NOT NULL,
  received_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
CREATE INDEX dispatch_manifests_village_idx ON dispatch_manifests (county_id, village_id, device_at);

-- Which manifest took a shipment away; NULL while it waits at the point.
ALTER TABLE shipments ADD COLUMN manifest_id text;
ALTER TABLE shipments ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- What happened to a shipment after the point, newest last. `happened_at` is the carrier's time as
-- the county staff entered it; `recorded_at` is the county's clock.
CREATE TABLE shipment_events (
  county_id    text NOT NULL,
  shipment_id  text NOT NULL,
  id           bigserial NOT NULL,
  status       text NOT NULL,
  place        text,
  note         text,
  happened_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, shipment_id, id),
  FOREIGN KEY (county_id, shipment_id) REFERENCES shipments (county_id, id)
);
