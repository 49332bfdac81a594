-- 0007 the operator console (issue 7): operator accounts, the villager registry, training attendance.

-- Operator accounts, created at the county and published to their own village's kiosks
-- (entity operator_account), which verify PINs offline. Only the PBKDF2-SHA256 hash and its
-- parameters are kept (sync/pin-kdf.ts); the PIN never is. An account is deactivated, never deleted:
-- audit lines name it.
CREATE TABLE operator_accounts (
  county_id       text NOT NULL REFERENCES counties (id),
  id              text NOT NULL,
  village_id      text NOT NULL REFERENCES villages (id),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  role            text NOT NULL CHECK (role IN ('operator', 'technician')),
  pin_hash        text NOT NULL CHECK (pin_hash ~ '^[0-9a-f]{64}$'),
  pin_salt        text NOT NULL CHECK (pin_salt ~ '^[0-9a-f]{32,128}$'),
  pin_iterations  integer NOT NULL CHECK (pin_iterations BETWEEN 100000 AND 10000000),
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
-- The sign-in screen lists names: two accounts of one village may not share one.
CREATE UNIQUE INDEX operator_accounts_village_name_idx ON operator_accounts (county_id, village_id, name);

-- Villagers who agreed to be recorded (mutation villager.registered), so reports can count how many
-- villagers use the point. One row per phone per village; consent_at is when they said yes.
CREATE TABLE villagers (
  county_id    text NOT NULL REFERENCES counties (id),
  id           text NOT NULL,
  village_id   text NOT NULL REFERENCES villages (id),
  device_id    text NOT NULL REFERENCES devices (id),
  mutation_id  text NOT NULL,
  phone        text NOT NULL CHECK (phone ~ '^1[3-9][0-9]{9}$'),
  name         text,
  consent_at   timestamptz NOT NULL,
  operator_id  text NOT NULL,
  device_at    timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, id)
);
CREATE UNIQUE INDEX villagers_village_phone_idx ON villagers (county_id, village_id, phone);

-- Training attendance: which registered villagers attended (optional; older kiosks send only the count)
-- and who recorded it.
ALTER TABLE trainings
  ADD COLUMN attendee_phones text[],
  ADD COLUMN operator_id text,
  ADD CONSTRAINT trainings_attendee_phones_check
    CHECK (attendee_phones IS NULL OR cardinality(attendee_phones) <= attendees);
