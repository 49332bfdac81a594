-- 0002 sync (issue 3): enrollment codes, the exactly-once mutation log, the change feed that kiosks
-- pull, the rows that kiosk mutations write, and what the county publishes besides catalogue and
-- notices (parcel manifests, trace records, village settings).
--
-- Conventions of 0001 hold: every county table carries county_id (reports roll up by it; it is the
-- shard key past one PostgreSQL), money is integer fen (bigint where the protocol allows amounts
-- above 2^31), times are timestamptz and the county stamps server time beside the device's.
-- Rows a kiosk creates are keyed (county_id, id) with the id the device generated (a ULID) and keep
-- the village, device and mutation that created them.
--
-- The data step county/migrations/0002_sync.ts runs in the same transaction right after this file:
-- it computes the pinyin search keys of existing items, makes them NOT NULL, and writes the change
-- feed rows of everything already published, so a kiosk pulling from cursor 0 gets it all.

-- ---------------------------------------------------------------- catalogue: what the protocol adds

ALTER TABLE catalogue_items
  ADD COLUMN pinyin text,               -- 'jin long yu hua sheng you 5l': full, toneless, lower case
  ADD COLUMN initials text,             -- 'jly hsy 5l': initials per word of the name
  ADD COLUMN image_url text,
  ALTER COLUMN barcode DROP NOT NULL;   -- local produce (本地特产) often has none

-- ---------------------------------------------------------------- enrollment

-- A one-time code typed by the operator at the kiosk. Only its SHA-256 is kept (the code is shown
-- once, to the admin who issued it). Looked up before the county is known, hence keyed by the hash
-- alone; small, so past one PostgreSQL it is a reference table like the geography.
CREATE TABLE enrollment_codes (
  code_hash    text PRIMARY KEY CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  id           text NOT NULL UNIQUE,          -- public handle for lists; reveals nothing of the code
  county_id    text NOT NULL REFERENCES counties (id),
  township_id  text NOT NULL,
  village_id   text NOT NULL,
  note         text,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  device_id    text REFERENCES devices (id),
  FOREIGN KEY (county_id, township_id, village_id) REFERENCES villages (county_id, township_id, id),
  CHECK (expires_at > created_at),
  CHECK ((used_at IS NULL) = (device_id IS NULL))
);
CREATE INDEX enrollment_codes_village_idx ON enrollment_codes (county_id, village_id);

-- ---------------------------------------------------------------- exactly-once

-- One row per mutation a device ever sent, applied or rejected, kept forever: a kiosk may come back
-- after weeks offline (or through a USB export) and resend, and the answer must be the first one.
CREATE TABLE mutation_log (
  device_id    text NOT NULL REFERENCES devices (id),
  mutation_id  text NOT NULL,
  county_id    text NOT NULL REFERENCES counties (id),
  village_id   text NOT NULL REFERENCES villages (id),
  seq          bigint NOT NULL,                 -- the device's order; its clock is not trusted
  type         text NOT NULL,
  device_at    timestamptz NOT NULL,            -- what the device's clock said (display only)
  received_at  timestamptz NOT NULL DEFAULT now(),
  source       text NOT NULL CHECK (source IN ('push', 'import')),
  status       text NOT NULL CHECK (status IN ('applied', 'rejected')),
  reason       text,
  result       jsonb,
  payload      jsonb,
  PRIMARY KEY (device_id, mutation_id),
  CHECK ((status = 'rejected') = (reason IS NOT NULL))
);
CREATE INDEX mutation_log_device_seq_idx ON mutation_log (device_id, seq);
CREATE INDEX mutation_log_rejected_idx ON mutation_log (county_id, received_at) WHERE status = 'rejected';

-- ---------------------------------------------------------------- change feed (pull)

-- Every change a kiosk must learn about, in the order it may read them. `pos` is the pull cursor:
-- (transaction id << 20) + the row's ordinal inside its transaction, so rows are ordered by the
-- transaction that wrote them. A pull only returns rows whose transaction is older than every
-- transaction still running (txid < pg_snapshot_xmin); that set can no longer grow, so a cursor
-- never passes a row that commits later. county/feed.ts explains why `seq` alone cannot be the cursor.
CREATE TABLE change_feed (
  seq         bigserial PRIMARY KEY,            -- insertion order; identity only
  pos         bigint NOT NULL UNIQUE,
  txid        xid8 NOT NULL DEFAULT pg_current_xact_id(),
  county_id   text NOT NULL REFERENCES counties (id),
  village_id  text REFERENCES villages (id),    -- NULL = county-wide (catalogue, notices, trace)
  entity      text NOT NULL,
  entity_id   text NOT NULL,
  op          text NOT NULL CHECK (op IN ('upsert', 'delete')),
  data        jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- 2^20 rows per transaction at most; a larger one would spill into the next transaction's range.
  CHECK (pos >> 20 = txid::text::bigint),
  CHECK ((op = 'delete') = (data IS NULL))
);
-- A pull reads county-wide rows and its village's rows as two index range scans.
CREATE INDEX change_feed_county_idx ON change_feed (county_id, pos) WHERE village_id IS NULL;
CREATE INDEX change_feed_village_idx ON change_feed (county_id, village_id, pos) WHERE village_id IS NOT NULL;
CREATE INDEX change_feed_entity_idx ON change_feed (county_id, entity, entity_id);

-- ---------------------------------------------------------------- what kiosks record

CREATE TABLE orders (
  county_id          text NOT NULL REFERENCES counties (id),
  id                 text NOT NULL,
  village_id         text NOT NULL REFERENCES villages (id),
  device_id          text NOT NULL REFERENCES devices (id),
  mutation_id        text NOT NULL,
  phone              text NOT NULL,
  total_fen          bigint NOT NULL CHECK (total_fen >= 0),   -- as placed; never recomputed
  payment            text NOT NULL CHECK (payment IN ('cash', 'epay')),
  delivery           text NOT NULL CHECK (delivery IN ('point', 'home')),
  status             text NOT NULL DEFAULT 'received' CHECK (status IN
                       ('received', 'confirmed', 'shipped', 'arrived', 'completed', 'cancelled', 'rejected')),
  status_note        text,
  settled_total_fen  bigint CHECK (settled_total_fen >= 0),   -- a price change settled by the county
  placed_at          timestamptz NOT NULL,                     -- device time
  received_at        timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
CREATE INDEX orders_village_idx ON orders (county_id, village_id, received_at);
CREATE INDEX orders_status_idx ON orders (county_id, status, received_at);

CREATE TABLE order_lines (
  county_id       text NOT NULL,
  order_id        text NOT NULL,
  line_no         integer NOT NULL,
  item_id         text NOT NULL,      -- no foreign key: the item may be withdrawn later
  name            text NOT NULL,      -- as shown when ordered
  qty             integer NOT NULL CHECK (qty > 0),
  unit_price_fen  bigint NOT NULL CHECK (unit_price_fen >= 0),   -- the price at order time
  PRIMARY KEY (county_id, order_id, line_no),
  FOREIGN KEY (county_id, order_id) REFERENCES orders (county_id, id)
);

-- Each row below is one applied mutation's domain record: its village, device and mutation id
-- travel with it, device time is kept for display, received_at is the county's own clock.
CREATE TABLE produce_listings (
  county_id         text NOT NULL REFERENCES counties (id),
  id                text NOT NULL,
  village_id        text NOT NULL REFERENCES villages (id),
  device_id         text NOT NULL REFERENCES devices (id),
  mutation_id       text NOT NULL,
  phone             text NOT NULL,
  kind              text NOT NULL,
  quantity          numeric(12, 3) NOT NULL CHECK (quantity > 0),
  unit              text NOT NULL,
  asking_price_fen  bigint NOT NULL CHECK (asking_price_fen >= 0),   -- per unit
  harvest_date      date,
  photo_id          text,
  status            text NOT NULL DEFAULT 'listed' CHECK (status IN ('listed', 'confirmed')),
  confirmed_by      text,
  device_at         timestamptz NOT NULL,
  received_at       timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
CREATE INDEX produce_listings_village_idx ON produce_listings (county_id, village_id, received_at);

CREATE TABLE bill_intents (
  county_id      text NOT NULL REFERENCES counties (id),
  id             text NOT NULL,
  village_id     text NOT NULL REFERENCES villages (id),
  device_id      text NOT NULL REFERENCES devices (id),
  mutation_id    text NOT NULL,
  phone          text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('electricity', 'water', 'phone')),
  account        text NOT NULL,
  amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
  paid_cash_fen  bigint NOT NULL CHECK (paid_cash_fen >= 0),
  status         text NOT NULL DEFAULT 'pending',
  device_at      timestamptz NOT NULL,
  received_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
CREATE INDEX bill_intents_village_idx ON bill_intents (county_id, village_id, received_at);

CREATE TABLE ticket_requests (
  county_id    text NOT NULL REFERENCES counties (id),
  id           text NOT NULL,
  village_id   text NOT NULL REFERENCES villages (id),
  device_id    text NOT NULL REFERENCES devices (id),
  mutation_id  text NOT NULL,
  phone        text NOT NULL,
  route        text NOT NULL,
  travel_date  date NOT NULL,
  passengers   integer NOT NULL CHECK (passengers BETWEEN 1 AND 9),
  status       text NOT NULL DEFAULT 'requested',
  device_at    timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);

CREATE TABLE return_requests (
  county_id    text NOT NULL REFERENCES counties (id),
  id           text NOT NULL,
  village_id   text NOT NULL REFERENCES villages (id),
  device_id    text NOT NULL REFERENCES devices (id),
  mutation_id  text NOT NULL,
  order_id     text NOT NULL,
  item_id      text NOT NULL,
  qty          integer NOT NULL CHECK (qty > 0),
  kind         text NOT NULL CHECK (kind IN ('return', 'exchange')),
  reason       text NOT NULL,
  photo_id     text,
  status       text NOT NULL DEFAULT 'requested',
  device_at    timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id),
  FOREIGN KEY (county_id, order_id) REFERENCES orders (county_id, id)
);

CREATE TABLE parcels (
  county_id       text NOT NULL REFERENCES counties (id),
  id              text NOT NULL,
  village_id      text NOT NULL REFERENCES villages (id),
  device_id       text NOT NULL REFERENCES devices (id),
  mutation_id     text NOT NULL,
  waybill         text NOT NULL,
  carrier         text NOT NULL,
  phone           text NOT NULL,
  location        jsonb NOT NULL,        -- {kind:'locker', board, lock} | {kind:'shelf', code}
  status          text NOT NULL DEFAULT 'stored' CHECK (status IN ('stored', 'collected')),
  stored_at       timestamptz NOT NULL,  -- device time
  collected_at    timestamptz,           -- device time
  collect_method  text CHECK (collect_method IN ('code', 'operator')),
  collected_by    text,
  received_at     timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
CREATE INDEX parcels_village_idx ON parcels (county_id, village_id, status);
CREATE INDEX parcels_waybill_idx ON parcels (county_id, waybill);

CREATE TABLE shipments (
  county_id       text NOT NULL REFERENCES counties (id),
  id              text NOT NULL,
  village_id      text NOT NULL REFERENCES villages (id),
  device_id       text NOT NULL REFERENCES devices (id),
  mutation_id     text NOT NULL,
  sender          jsonb NOT NULL,
  recipient       jsonb NOT NULL,
  carrier         text NOT NULL,
  weight_grams    integer NOT NULL CHECK (weight_grams > 0),
  fee_fen         bigint NOT NULL CHECK (fee_fen >= 0),
  status          text NOT NULL DEFAULT 'accepted',
  device_at       timestamptz NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);

CREATE TABLE stock_movements (
  county_id      text NOT NULL REFERENCES counties (id),
  id             text NOT NULL,
  village_id     text NOT NULL REFERENCES villages (id),
  device_id      text NOT NULL REFERENCES devices (id),
  mutation_id    text NOT NULL,
  item_id        text NOT NULL,
  qty_delta      integer NOT NULL CHECK (qty_delta <> 0),
  reason         text NOT NULL CHECK (reason IN ('purchase', 'sale', 'loss', 'count', 'return')),
  unit_cost_fen  bigint CHECK (unit_cost_fen >= 0),
  device_at      timestamptz NOT NULL,
  received_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
CREATE INDEX stock_movements_item_idx ON stock_movements (county_id, village_id, item_id);

CREATE TABLE cash_days (
  county_id     text NOT NULL REFERENCES counties (id),
  id            text NOT NULL,
  village_id    text NOT NULL REFERENCES villages (id),
  device_id     text NOT NULL REFERENCES devices (id),
  mutation_id   text NOT NULL,
  day           date NOT NULL,
  expected_fen  bigint NOT NULL,      -- signed: a day can close negative
  counted_fen   bigint NOT NULL,
  operator_id   text NOT NULL,
  device_at     timestamptz NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
CREATE INDEX cash_days_village_idx ON cash_days (county_id, village_id, day);

CREATE TABLE trainings (
  county_id    text NOT NULL REFERENCES counties (id),
  id           text NOT NULL,
  village_id   text NOT NULL REFERENCES villages (id),
  device_id    text NOT NULL REFERENCES devices (id),
  mutation_id  text NOT NULL,
  topic        text NOT NULL,
  attendees    integer NOT NULL CHECK (attendees > 0),
  day          date NOT NULL,
  device_at    timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);

-- ---------------------------------------------------------------- what the county publishes

-- Parcels the carriers announced for a village (their manifest), pulled by that village only.
CREATE TABLE parcel_manifests (
  county_id       text NOT NULL REFERENCES counties (id),
  waybill         text NOT NULL,
  village_id      text NOT NULL REFERENCES villages (id),
  carrier         text NOT NULL,
  phone           text,
  recipient_name  text,
  expected_at     timestamptz,
  parcel_id       text,                  -- set when a kiosk stores a parcel with this waybill
  uploaded_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, waybill)
);
CREATE INDEX parcel_manifests_village_idx ON parcel_manifests (county_id, village_id);

CREATE TABLE trace_records (
  county_id   text NOT NULL REFERENCES counties (id),
  code        text NOT NULL,
  product     text NOT NULL,
  origin      text NOT NULL,
  producer    text NOT NULL,
  batch       text NOT NULL,
  inspection  text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, code)
);

CREATE TABLE village_settings (
  county_id                 text NOT NULL REFERENCES counties (id),
  village_id                text NOT NULL REFERENCES villages (id),
  overdue_days              integer NOT NULL CHECK (overdue_days BETWEEN 1 AND 60),
  storage_fee_fen_per_day   bigint NOT NULL CHECK (storage_fee_fen_per_day >= 0),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, village_id)
);

-- SMS the county relays for kiosks (pickup notices). The text comes from the kiosk; the pickup code
-- is in it, so rows are deleted once sent (a sender does that; not part of this migration).
CREATE TABLE sms_outbox (
  id          bigserial PRIMARY KEY,
  county_id   text NOT NULL REFERENCES counties (id),
  village_id  text NOT NULL REFERENCES villages (id),
  parcel_id   text NOT NULL,
  phone       text NOT NULL,
  text        text NOT NULL,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz
);
CREATE INDEX sms_outbox_pending_idx ON sms_outbox (county_id, created_at) WHERE status = 'pending';

-- ---------------------------------------------------------------- security

-- Auth failures, 403s, refused enrollment codes. county_id is NULL when the request could not be tied
-- to a county (an unknown token, a wrong enrollment code).
CREATE TABLE security_events (
  id          bigserial PRIMARY KEY,
  county_id   text REFERENCES counties (id),
  village_id  text,
  device_id   text,
  kind        text NOT NULL,
  ip          text,
  method      text,
  url         text,
  detail      jsonb,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX security_events_county_idx ON security_events (county_id, at);

-- Fixed-window counters for rate limits, kept in the database so every instance behind the load
-- balancer counts the same hits (§10). Keyed by client address, not by county: the one table here
-- without county_id; past one PostgreSQL it stays local to the coordinator.
CREATE TABLE rate_limits (
  bucket        text NOT NULL,
  window_start  timestamptz NOT NULL,
  hits          integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_limits_window_idx ON rate_limits (window_start);
