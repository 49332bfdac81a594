-- 0009 county statistics (issue 8): the monthly roll-up the dashboard and the province report read,
-- the activity record that coverage is computed from, admin-entered new jobs, notice targeting, and
-- what a terminal reports about itself (version, unsynced backlog).
--
-- Months are China Standard Time calendar months of `received_at`, the county's own clock: device
-- clocks are not trusted (§4), and a month that has ended can no longer gain rows, so a report sent
-- to the province for a past month is reproducible (only later status changes — an order cancelled
-- afterwards — move it, and those are exactly what the roll-up must follow).
--
-- Invariant: stats_village_month always equals what stats_rebuild() computes from the domain tables.
-- Triggers keep it so on every insert, status change and delete, in the writer's own transaction;
-- county/stats.test.ts checks trigger-maintained rows against a rebuild.

CREATE FUNCTION stats_month(t timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT date_trunc('month', t AT TIME ZONE 'Asia/Shanghai')::date $$;

-- One row per village, month and metric. `n` counts records; `value` is fen for money metrics and
-- persons for 'training' (attendees). Metrics:
--   order      代购 orders not cancelled/rejected; value = settled total if the county settled one, else total
--   produce    代销 produce listings sold (0004); value = round(quantity × the county's offer per unit)
--   bill       缴费充值 intents not failed; value = amount
--   ticket     订票 requests not refused; value = the fare once confirmed, else 0
--   sale       店内销售 counter sales (0008 shop_sales); value = total
--   parcel_in  parcels stored at the point; value = 0
--   parcel_out parcels sent from the point; value = fee
--   training   training sessions; value = attendees
--   villager   villagers registered (0007 villagers); value = 0 — summed to a month's end, the register
CREATE TABLE stats_village_month (
  county_id   text NOT NULL REFERENCES counties (id),
  month       date NOT NULL,
  village_id  text NOT NULL REFERENCES villages (id),
  metric      text NOT NULL,
  n           bigint NOT NULL,
  value       bigint NOT NULL,
  PRIMARY KEY (county_id, month, village_id, metric)
);

-- Villagers who shopped online: distinct ordering phones per month (cancelled orders included: the
-- villager did use it). Distinct counts do not add up across villages (one phone may order in two),
-- so each area keeps its own set — `area` is a village, township or county id (administrative ids,
-- never equal across levels) — and stats_buyers counts each set's members as they arrive, so a
-- dashboard reads a few counters instead of counting distinct phones over millions of orders.
CREATE TABLE stats_order_phones (
  county_id  text NOT NULL REFERENCES counties (id),
  month      date NOT NULL,
  area       text NOT NULL,
  phone      text NOT NULL,
  PRIMARY KEY (county_id, month, area, phone)
);
CREATE TABLE stats_buyers (
  county_id  text NOT NULL REFERENCES counties (id),
  month      date NOT NULL,
  area       text NOT NULL,
  n          bigint NOT NULL,
  PRIMARY KEY (county_id, month, area)
);

CREATE FUNCTION stats_add_buyer(p_county text, p_month date, p_area text, p_phone text) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_order_phones (county_id, month, area, phone) VALUES (p_county, p_month, p_area, p_phone)
  ON CONFLICT DO NOTHING;
  IF FOUND THEN
    INSERT INTO stats_buyers (county_id, month, area, n) VALUES (p_county, p_month, p_area, 1)
    ON CONFLICT (county_id, month, area) DO UPDATE SET n = stats_buyers.n + 1;
  END IF;
END $$;

CREATE FUNCTION stats_bump(p_county text, p_village text, p_at timestamptz, p_metric text,
                           p_n bigint, p_value bigint) RETURNS void
  LANGUAGE sql AS $$
  INSERT INTO stats_village_month (county_id, month, village_id, metric, n, value)
  VALUES (p_county, stats_month(p_at), p_village, p_metric, p_n, p_value)
  ON CONFLICT (county_id, month, village_id, metric)
  DO UPDATE SET n = stats_village_month.n + EXCLUDED.n, value = stats_village_month.value + EXCLUDED.value
$$;

-- What one row of each source contributes (NULL = nothing). The triggers and stats_rebuild() both use
-- these, so the two can never disagree on a definition.
CREATE FUNCTION stats_order_value(status text, total bigint, settled bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN status IN ('cancelled', 'rejected') THEN NULL ELSE coalesce(settled, total) END $$;
CREATE FUNCTION stats_produce_value(status text, quantity numeric, offer bigint, asking bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN status = 'sold' THEN round(quantity * coalesce(offer, asking))::bigint ELSE NULL END $$;
CREATE FUNCTION stats_bill_value(status text, amount bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN status = 'failed' THEN NULL ELSE amount END $$;
CREATE FUNCTION stats_ticket_value(status text, price bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN status = 'refused' THEN NULL ELSE coalesce(price, 0) END $$;

CREATE FUNCTION stats_orders_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v bigint;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    v := stats_order_value(OLD.status, OLD.total_fen, OLD.settled_total_fen);
    IF v IS NOT NULL THEN PERFORM stats_bump(OLD.county_id, OLD.village_id, OLD.received_at, 'order', -1, -v); END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    v := stats_order_value(NEW.status, NEW.total_fen, NEW.settled_total_fen);
    IF v IS NOT NULL THEN PERFORM stats_bump(NEW.county_id, NEW.village_id, NEW.received_at, 'order', 1, v); END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM stats_add_buyer(NEW.county_id, stats_month(NEW.received_at), NEW.village_id, NEW.phone);
    PERFORM stats_add_buyer(NEW.county_id, stats_month(NEW.received_at),
                            (SELECT township_id FROM villages WHERE id = NEW.village_id), NEW.phone);
    PERFORM stats_add_buyer(NEW.county_id, stats_month(NEW.received_at), NEW.county_id, NEW.phone);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stats_orders AFTER INSERT OR DELETE OR UPDATE OF status, total_fen, settled_total_fen, received_at
  ON orders FOR EACH ROW EXECUTE FUNCTION stats_orders_trg();

CREATE FUNCTION stats_produce_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v bigint;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    v := stats_produce_value(OLD.status, OLD.quantity, OLD.offer_fen, OLD.asking_price_fen);
    IF v IS NOT NULL THEN PERFORM stats_bump(OLD.county_id, OLD.village_id, OLD.received_at, 'produce', -1, -v); END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    v := stats_produce_value(NEW.status, NEW.quantity, NEW.offer_fen, NEW.asking_price_fen);
    IF v IS NOT NULL THEN PERFORM stats_bump(NEW.county_id, NEW.village_id, NEW.received_at, 'produce', 1, v); END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stats_produce AFTER INSERT OR DELETE OR UPDATE OF status, quantity, offer_fen, asking_price_fen, received_at
  ON produce_listings FOR EACH ROW EXECUTE FUNCTION stats_produce_trg();

CREATE FUNCTION stats_bills_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v bigint;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    v := stats_bill_value(OLD.status, OLD.amount_fen);
    IF v IS NOT NULL THEN PERFORM stats_bump(OLD.county_id, OLD.village_id, OLD.received_at, 'bill', -1, -v); END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    v := stats_bill_value(NEW.status, NEW.amount_fen);
    IF v IS NOT NULL THEN PERFORM stats_bump(NEW.county_id, NEW.village_id, NEW.received_at, 'bill', 1, v); END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stats_bills AFTER INSERT OR DELETE OR UPDATE OF status, amount_fen, received_at
  ON bill_intents FOR EACH ROW EXECUTE FUNCTION stats_bills_trg();

CREATE FUNCTION stats_tickets_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v bigint;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    v := stats_ticket_value(OLD.status, OLD.price_fen);
    IF v IS NOT NULL THEN PERFORM stats_bump(OLD.county_id, OLD.village_id, OLD.received_at, 'ticket', -1, -v); END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    v := stats_ticket_value(NEW.status, NEW.price_fen);
    IF v IS NOT NULL THEN PERFORM stats_bump(NEW.county_id, NEW.village_id, NEW.received_at, 'ticket', 1, v); END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stats_tickets AFTER INSERT OR DELETE OR UPDATE OF status, price_fen, received_at
  ON ticket_requests FOR EACH ROW EXECUTE FUNCTION stats_tickets_trg();

-- Parcels, shipments, counter sales and trainings count on arrival; their later status changes do not move a figure.
CREATE FUNCTION stats_count_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  sign int;
  v bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN r := NEW; sign := 1; ELSE r := OLD; sign := -1; END IF;
  -- TG_ARGV[1]: the column that is the metric's value (none = 0); read by name, as the tables differ.
  v := coalesce((to_jsonb(r) ->> TG_ARGV[1])::bigint, 0);
  PERFORM stats_bump(r.county_id, r.village_id, r.received_at, TG_ARGV[0], sign, sign * v);
  RETURN NULL;
END $$;
CREATE TRIGGER stats_parcels AFTER INSERT OR DELETE ON parcels
  FOR EACH ROW EXECUTE FUNCTION stats_count_trg('parcel_in', '');
CREATE TRIGGER stats_shipments AFTER INSERT OR DELETE ON shipments
  FOR EACH ROW EXECUTE FUNCTION stats_count_trg('parcel_out', 'fee_fen');
CREATE TRIGGER stats_trainings AFTER INSERT OR DELETE ON trainings
  FOR EACH ROW EXECUTE FUNCTION stats_count_trg('training', 'attendees');
CREATE TRIGGER stats_shop_sales AFTER INSERT OR DELETE ON shop_sales
  FOR EACH ROW EXECUTE FUNCTION stats_count_trg('sale', 'total_fen');
CREATE TRIGGER stats_villagers AFTER INSERT OR DELETE ON villagers
  FOR EACH ROW EXECUTE FUNCTION stats_count_trg('villager', '');

-- Recomputes one county's roll-up (NULL = every county) from the domain tables: the backfill below,
-- the bulk data generator (which loads with triggers off), and the consistency test.
CREATE FUNCTION stats_rebuild(p_county text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stats_village_month WHERE p_county IS NULL OR county_id = p_county;
  DELETE FROM stats_order_phones WHERE p_county IS NULL OR county_id = p_county;
  DELETE FROM stats_buyers WHERE p_county IS NULL OR county_id = p_county;
  INSERT INTO stats_village_month (county_id, month, village_id, metric, n, value)
  SELECT county_id, month, village_id, metric, count(*), sum(v) FROM (
    SELECT county_id, stats_month(received_at) AS month, village_id, 'order' AS metric,
           stats_order_value(status, total_fen, settled_total_fen) AS v
      FROM orders WHERE p_county IS NULL OR county_id = p_county
    UNION ALL
    SELECT county_id, stats_month(received_at), village_id, 'produce',
           stats_produce_value(status, quantity, offer_fen, asking_price_fen)
      FROM produce_listings WHERE p_county IS NULL OR county_id = p_county
    UNION ALL
    SELECT county_id, stats_month(received_at), village_id, 'bill', stats_bill_value(status, amount_fen)
      FROM bill_intents WHERE p_county IS NULL OR county_id = p_county
    UNION ALL
    SELECT county_id, stats_month(received_at), village_id, 'ticket', stats_ticket_value(status, price_fen)
      FROM ticket_requests WHERE p_county IS NULL OR county_id = p_county
    UNION ALL
    SELECT county_id, stats_month(received_at), village_id, 'parcel_in', 0::bigint
      FROM parcels WHERE p_county IS NULL OR county_id = p_county
    UNION ALL
    SELECT county_id, stats_month(received_at), village_id, 'parcel_out', fee_fen
      FROM shipments WHERE p_county IS NULL OR county_id = p_county
    UNION ALL
    SELECT county_id, stats_month(received_at), village_id, 'training', attendees::bigint
      FROM trainings WHERE p_county IS NULL OR county_id = p_county
    UNION ALL
    SELECT county_id, stats_month(received_at), village_id, 'sale', total_fen
      FROM shop_sales WHERE p_county IS NULL OR county_id = p_county
    UNION ALL
    SELECT county_id, stats_month(received_at), village_id, 'villager', 0::bigint
      FROM villagers WHERE p_county IS NULL OR county_id = p_county
  ) s WHERE v IS NOT NULL
  GROUP BY county_id, month, village_id, metric;
  INSERT INTO stats_order_phones (county_id, month, area, phone)
  SELECT DISTINCT o.county_id, stats_month(o.received_at), a.area, o.phone
  FROM orders o JOIN villages v ON v.id = o.village_id
  CROSS JOIN LATERAL (VALUES (o.village_id), (v.township_id), (o.county_id)) AS a(area)
  WHERE p_county IS NULL OR o.county_id = p_county;
  INSERT INTO stats_buyers (county_id, month, area, n)
  SELECT county_id, month, area, count(*) FROM stats_order_phones
  WHERE p_county IS NULL OR county_id = p_county
  GROUP BY county_id, month, area;
END $$;

-- ---------------------------------------------------------------- terminal activity (coverage)

-- A village point is active in a month when one of its terminals synced with the county on any day
-- of that month (sync-routes.ts marks it on every authenticated sync request: one index probe when
-- the row exists). The current month, still running, uses "seen in the last 30 days" instead.
CREATE TABLE device_activity_month (
  county_id   text NOT NULL REFERENCES counties (id),
  month       date NOT NULL,
  village_id  text NOT NULL REFERENCES villages (id),
  device_id   text NOT NULL REFERENCES devices (id),
  PRIMARY KEY (county_id, month, village_id, device_id)
);
INSERT INTO device_activity_month (county_id, month, village_id, device_id)
SELECT DISTINCT l.county_id, stats_month(l.received_at), d.village_id, l.device_id
FROM mutation_log l JOIN devices d ON d.id = l.device_id
UNION
SELECT county_id, stats_month(last_seen_at), village_id, id FROM devices WHERE last_seen_at IS NOT NULL;

-- What the terminal says about itself on each push (optional headers x-vpk-app-version, x-vpk-pending).
ALTER TABLE devices
  ADD COLUMN app_version text,
  ADD COLUMN pending_backlog integer CHECK (pending_backlog >= 0),
  ADD COLUMN backlog_reported_at timestamptz;

-- ---------------------------------------------------------------- new jobs (admin-entered)

-- Jobs the programme created (快递员, 电商客服, 直播带货…), entered by county staff per village and
-- month: no kiosk records them.
CREATE TABLE job_records (
  county_id   text NOT NULL REFERENCES counties (id),
  id          text NOT NULL,
  village_id  text NOT NULL REFERENCES villages (id),
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  jobs        integer NOT NULL CHECK (jobs > 0 AND jobs <= 10000),
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
CREATE INDEX job_records_month_idx ON job_records (county_id, month);

-- ---------------------------------------------------------------- notice targeting

-- A notice with target rows is published only to those villages' kiosks; without, county-wide.
CREATE TABLE notice_targets (
  county_id   text NOT NULL,
  notice_id   text NOT NULL,
  village_id  text NOT NULL REFERENCES villages (id),
  PRIMARY KEY (county_id, notice_id, village_id),
  FOREIGN KEY (county_id, notice_id) REFERENCES notices (county_id, id) ON DELETE CASCADE
);

-- ---------------------------------------------------------------- indexes for the console's lists

CREATE INDEX orders_received_idx ON orders (county_id, received_at);
CREATE INDEX produce_listings_received_idx ON produce_listings (county_id, received_at);
CREATE INDEX shipments_village_idx ON shipments (county_id, village_id, received_at);
CREATE INDEX trainings_village_idx ON trainings (county_id, village_id, received_at);

SELECT stats_rebuild(NULL);
