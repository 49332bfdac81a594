-- 0004 villager requests (issue 4: 代销, 缴费充值, 订票, 代换代退): what the county answers to the
-- requests kiosks record. Each answer is published to the request's village as `request_status`
-- (county/requests.ts) in the transaction that stores it.
--
-- Every status set is closed by a CHECK, so a typo in a console never reaches a villager's screen.
-- Rows written by version 3 keep their status ('listed', 'confirmed', 'pending', 'requested').

-- 代销: the county's offer per unit and its buyer; 'sold' and 'closed' end a listing.
ALTER TABLE produce_listings DROP CONSTRAINT produce_listings_status_check;
ALTER TABLE produce_listings
  ADD CONSTRAINT produce_listings_status_check
    CHECK (status IN ('listed', 'confirmed', 'offered', 'sold', 'closed')),
  ADD COLUMN offer_fen bigint CHECK (offer_fen >= 0),          -- per unit, integer fen
  ADD COLUMN buyer text,
  ADD COLUMN status_note text,
  ADD CONSTRAINT produce_listings_offer_check CHECK (status <> 'offered' OR offer_fen IS NOT NULL);
CREATE INDEX produce_listings_status_idx ON produce_listings (county_id, status, received_at);

-- 缴费充值: completed or failed; a failed bill records the refund the point owes the villager.
ALTER TABLE bill_intents
  ADD CONSTRAINT bill_intents_status_check CHECK (status IN ('pending', 'completed', 'failed')),
  ADD COLUMN refund_fen bigint CHECK (refund_fen >= 0),
  ADD COLUMN status_note text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT bill_intents_refund_check CHECK ((status = 'failed') = (refund_fen IS NOT NULL)),
  ADD CONSTRAINT bill_intents_refund_le_paid CHECK (refund_fen IS NULL OR refund_fen <= paid_cash_fen);
CREATE INDEX bill_intents_status_idx ON bill_intents (county_id, status, received_at);

-- 订票: a confirmation names the seat, the departure and the fare for all passengers.
ALTER TABLE ticket_requests
  ADD CONSTRAINT ticket_requests_status_check CHECK (status IN ('requested', 'confirmed', 'refused')),
  ADD COLUMN seat text,
  ADD COLUMN departs_at timestamptz,
  ADD COLUMN price_fen bigint CHECK (price_fen >= 0),
  ADD COLUMN status_note text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT ticket_requests_confirmed_check
    CHECK (status <> 'confirmed' OR (seat IS NOT NULL AND departs_at IS NOT NULL AND price_fen IS NOT NULL));
CREATE INDEX ticket_requests_village_idx ON ticket_requests (county_id, village_id, received_at);
CREATE INDEX ticket_requests_status_idx ON ticket_requests (county_id, status, received_at);

-- 代换代退: accepted, refused, then completed once the goods were swapped or the money returned.
ALTER TABLE return_requests
  ADD CONSTRAINT return_requests_status_check
    CHECK (status IN ('requested', 'accepted', 'refused', 'completed')),
  ADD COLUMN status_note text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX return_requests_village_idx ON return_requests (county_id, village_id, received_at);
CREATE INDEX return_requests_status_idx ON return_requests (county_id, status, received_at);
