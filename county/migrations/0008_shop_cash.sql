-- Issue 7: the village shop's own stock (购销存), counter sales, delivery notes, and the cash day (日结).

-- stock.moved gained optional fields: what justifies a movement, the operator's reason, the item's name.
ALTER TABLE stock_movements
  ADD COLUMN ref_id    text,
  ADD COLUMN note      text,
  ADD COLUMN item_name text;
CREATE INDEX stock_movements_ref_idx ON stock_movements (county_id, ref_id) WHERE ref_id IS NOT NULL;

-- Counter sales (sale.recorded). Their lines are also stock_movements rows (reason 'sale', ref_id = id).
CREATE TABLE shop_sales (
  county_id    text NOT NULL REFERENCES counties (id),
  id           text NOT NULL,
  village_id   text NOT NULL REFERENCES villages (id),
  device_id    text NOT NULL REFERENCES devices (id),
  mutation_id  text NOT NULL,
  total_fen    bigint NOT NULL CHECK (total_fen >= 0),
  lines        jsonb NOT NULL,
  operator_id  text,
  device_at    timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
CREATE INDEX shop_sales_village_idx ON shop_sales (county_id, village_id, device_at);

-- cash.day_closed gained optional fields; days closed before stay NULL here.
ALTER TABLE cash_days
  ADD COLUMN float_fen bigint CHECK (float_fen >= 0),
  ADD COLUMN reason    text,
  ADD COLUMN totals    jsonb;

-- What the county sends a village's shop, published to that village only (entity delivery_note).
CREATE TABLE delivery_notes (
  county_id     text NOT NULL REFERENCES counties (id),
  id            text NOT NULL,
  village_id    text NOT NULL REFERENCES villages (id),
  lines         jsonb NOT NULL,
  delivered_at  timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
CREATE INDEX delivery_notes_village_idx ON delivery_notes (county_id, village_id, delivered_at);
