-- Up Migration
-- The original bytes of a raw record when its JSON payload cannot reproduce them: a CSV row in a
-- legacy encoding (TCVN3, VNI, Windows-1258) or in decomposed Unicode is stored in the payload as
-- NFC Unicode, and its bytes as they arrived are kept here. NULL for every other record (JSON
-- sources, XLSX rows): their payload is the original. bytes_hash is the hash of these bytes.
ALTER TABLE raw_records ADD COLUMN original bytea;

-- Down Migration
ALTER TABLE raw_records DROP COLUMN original;
