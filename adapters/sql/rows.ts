/**
 * Reads one page of rows: checks that the result has the watermark and key columns with the
 * configured types, and turns each row into a RawRecord (payload = the row as a plain JSON
 * object, sourceRecordId = the key as text, bytes = JSON of the payload) with its position.
 */
import type { FieldDef } from 'pg';
import { HubError } from '../../src/lib/errors.ts';
import type { RawRecord } from '../contract.ts';
import type { KeyType, WatermarkType } from './config-schema.ts';
import { keyText, watermarkText, type Position } from './position.ts';
import type { QueryShape } from './query.ts';
import { toJsonValue } from './values.ts';

/** A row of a page with its (watermark, key) position. */
export interface PageRow {
  readonly raw: RawRecord;
  readonly position: Position;
}

const WATERMARK_OIDS: Readonly<Record<WatermarkType, readonly number[]>> = {
  timestamptz: [1184],
  timestamp: [1114],
  bigint: [20, 21, 23],
};
const KEY_OIDS: Readonly<Record<KeyType, readonly number[]>> = {
  text: [25, 1043, 1042, 19],
  bigint: [20, 21, 23],
  uuid: [2950],
};
const OID_NAMES: Readonly<Record<number, string>> = {
  1184: 'timestamptz',
  1114: 'timestamp',
  1082: 'date',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'text',
  1043: 'varchar',
  1042: 'char',
  19: 'name',
  2950: 'uuid',
  1700: 'numeric',
};

/** Throws KNTC_SOURCE_QUERY unless both columns are in the result with the configured types. */
export function checkColumns(
  sourceId: string,
  shape: QueryShape,
  fields: readonly FieldDef[],
): void {
  const expect = (role: string, column: string, type: string, oids: readonly number[]): void => {
    const field = fields.find((f) => f.name === column);
    if (field === undefined)
      throw columnError(sourceId, `${role} column "${column}" is not in the query's result`);
    if (!oids.includes(field.dataTypeID)) {
      const actual = OID_NAMES[field.dataTypeID] ?? `type oid ${field.dataTypeID}`;
      throw columnError(
        sourceId,
        `${role} column "${column}" is ${actual}, but the config says ${type}`,
      );
    }
  };
  expect(
    'watermark',
    shape.watermark.column,
    shape.watermark.type,
    WATERMARK_OIDS[shape.watermark.type],
  );
  expect('key', shape.key.column, shape.key.type, KEY_OIDS[shape.key.type]);
}

function columnError(sourceId: string, what: string): HubError {
  return new HubError('KNTC_SOURCE_QUERY', `source "${sourceId}": ${what}`, {
    hint: "Set watermark.type / key.type to the column's type, or cast the column in the query (e.g. ngay_cap_nhat::timestamptz AS ngay_cap_nhat).",
    details: { sourceId },
  });
}

/** Turns the rows of a page into records with positions. */
export function readRows(
  sourceId: string,
  shape: QueryShape,
  rows: readonly Record<string, unknown>[],
): PageRow[] {
  return rows.map((row) => {
    const payload = toJsonValue(row) as Record<string, unknown>;
    const key = keyText(payload[shape.key.column]);
    const watermark = watermarkText(shape.watermark.type, payload[shape.watermark.column]);
    if (key === null || watermark === null) {
      // Only values the adapter cannot order by (e.g. BC dates, seconds in an offset) get here.
      throw new HubError(
        'KNTC_SOURCE_BAD_PAYLOAD',
        `source "${sourceId}": a row's ${key === null ? 'key' : 'watermark'} value cannot be read as ${key === null ? shape.key.type : shape.watermark.type}${key === null ? '' : ` (record ${key})`}`,
        {
          hint: 'Cast or clean the column in the query so every row has an ordinary value.',
          details: { sourceId, ...(key === null ? {} : { sourceRecordId: key }) },
        },
      );
    }
    const raw: RawRecord = {
      sourceRecordId: key,
      payload,
      bytes: Buffer.from(JSON.stringify(payload), 'utf8'),
    };
    return { raw, position: { watermark, key } };
  });
}
