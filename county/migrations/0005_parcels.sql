-- 0005 parcels (issue 6): returns to the courier, and SMS delivery bookkeeping.
--
-- A parcel that waited too long is handed back to the courier on a dispatch manifest
-- (dispatch.handed_over.returnedParcelIds); the county marks it 'returned' with the manifest it left on
-- (county/apply-parcels.ts markParcelsReturned).
ALTER TABLE parcels DROP CONSTRAINT parcels_status_check;
ALTER TABLE parcels ADD CONSTRAINT parcels_status_check CHECK (status IN ('stored', 'collected', 'returned'));
ALTER TABLE parcels
  ADD COLUMN returned_at         timestamptz,   -- device time of the manifest
  ADD COLUMN return_manifest_id  text;

-- The SMS sender (county/sms.ts): which provider took a message and its id there, and the last error.
-- The text holds the pickup code in clear, so the sender blanks it once the row is settled (sent or
-- given up); only pending rows keep it.
ALTER TABLE sms_outbox
  ADD COLUMN provider      text,
  ADD COLUMN provider_id   text,
  ADD COLUMN last_error    text,
  ADD COLUMN next_try_at   timestamptz NOT NULL DEFAULT now();
CREATE INDEX sms_outbox_due_idx ON sms_outbox (next_try_at) WHERE status = 'pending';
