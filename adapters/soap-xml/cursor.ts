/**
 * The cursor of a soap-xml source: `{ modifiedSince, lastId }`, the (modified, id) of the last
 * record of the last batch, modified exactly as the service wrote it. Positions, their order and
 * the lookback come from rest-json's position.ts: both adapters follow the same cursor rules.
 */
import type { Cursor } from '../contract.ts';
import { HubError } from '../../src/lib/errors.ts';
import { parseInstant, type Position } from '../rest-json/position.ts';

export {
  comparePositions,
  compareInstants,
  laterOf,
  lookBack,
  toCursor,
} from '../rest-json/position.ts';

/** Reads a cursor this adapter wrote; null, or a null modifiedSince, means from the start. */
export function fromCursor(sourceId: string, cursor: Cursor | null): Position | null {
  if (
    cursor === null ||
    cursor['modifiedSince'] === null ||
    cursor['modifiedSince'] === undefined
  ) {
    return null;
  }
  const instant = parseInstant(cursor['modifiedSince']);
  const lastId = cursor['lastId'] ?? null;
  if (instant === null || (lastId !== null && typeof lastId !== 'string')) {
    throw new HubError(
      'KNTC_CURSOR_INVALID',
      `source "${sourceId}": the stored cursor is not a soap-xml cursor ({ modifiedSince, lastId })`,
      { details: { sourceId } },
    );
  }
  return { ...instant, id: lastId };
}
