// Error classification from PostgreSQL SQLSTATEs and Node network codes: what an officer reads,
// retryable only when waiting can help, PostgreSQL's text quoted only when it names identifiers.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { connectError, queryError, type ErrorTarget } from '../../../../adapters/sql/pg-errors.ts';
import { QUERY_OFFSET } from '../../../../adapters/sql/query.ts';

const target: ErrorTarget = {
  sourceId: 'district-sql',
  where: '10.0.0.5:5432/qlvb',
  statementTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  queryLength: 60,
};
const pgError = (code: string, message: string, extra: object = {}): Error =>
  Object.assign(new Error(message), { code, ...extra });

describe('connectError', () => {
  it.each([
    ['ECONNREFUSED', 'KNTC_SOURCE_UNREACHABLE', true],
    ['ENOTFOUND', 'KNTC_SOURCE_UNREACHABLE', true],
    ['ETIMEDOUT', 'KNTC_SOURCE_UNREACHABLE', true],
    ['28P01', 'KNTC_SOURCE_AUTH', false],
    ['28000', 'KNTC_SOURCE_AUTH', false],
    ['3D000', 'KNTC_SOURCE_UNREACHABLE', false],
    ['57P03', 'KNTC_SOURCE_UNREACHABLE', true],
    ['53300', 'KNTC_SOURCE_UNREACHABLE', true],
  ])('%s → %s (retryable %s)', (code, expected, retryable) => {
    const err = connectError(target, pgError(code, `failure ${code}`));
    expect(err.code).toBe(expected);
    expect(err.retryable).toBe(retryable);
    expect(err.message).toContain('district-sql');
    expect(err.message).toContain('10.0.0.5:5432/qlvb');
    expect(err.details).toMatchObject({ errorCode: code });
  });

  it('a connect timeout (no code) is unreachable and retryable', () => {
    const err = connectError(target, new Error('Connection terminated due to connection timeout'));
    expect(err).toMatchObject({ code: 'KNTC_SOURCE_UNREACHABLE', retryable: true });
    expect(err.message).toContain('10000 ms');
  });
});

describe('queryError', () => {
  it('statement timeout (57014) → KNTC_SOURCE_TIMEOUT, retryable', () => {
    const err = queryError(
      target,
      pgError('57014', 'canceling statement due to statement timeout'),
    );
    expect(err).toMatchObject({ code: 'KNTC_SOURCE_TIMEOUT', retryable: true });
    expect(err.message).toContain('30000 ms');
  });

  it.each([
    ['42703', 'column "ngay_cap_nhatx" does not exist'],
    ['42P01', 'relation "sim.v_don" does not exist'],
    ['42601', 'syntax error at or near "FORM"'],
    ['42501', 'permission denied for view v_don_thu_tich_hop'],
  ])('%s → KNTC_SOURCE_QUERY, permanent, quoting PostgreSQL', (code, message) => {
    const err = queryError(target, pgError(code, message));
    expect(err).toMatchObject({ code: 'KNTC_SOURCE_QUERY', retryable: false });
    expect(err.message).toContain(message);
  });

  it('translates the error position into the configured query, or the paging around it', () => {
    const inQuery = queryError(
      target,
      pgError('42601', 'syntax error', { position: String(QUERY_OFFSET + 15) }),
    );
    expect(inQuery.message).toContain('at character 15 of the configured query');
    const inPaging = queryError(
      target,
      pgError('42703', 'column src.x does not exist', { position: '200' }),
    );
    expect(inPaging.message).toContain('watermark.column and key.column');
  });

  it('data exceptions never quote the value PostgreSQL names (it may be personal)', () => {
    const err = queryError(
      target,
      pgError('22P02', 'invalid input syntax for type integer: "052186001234"'),
    );
    expect(err).toMatchObject({ code: 'KNTC_SOURCE_QUERY', retryable: false });
    expect(err.message).not.toContain('052186001234');
    expect(err.message).toContain('22P02');
    // Nor does its cause, which a log may print: only the SQLSTATE travels.
    const cause = err.cause as Error;
    expect(`${inspect(cause, { depth: null })} ${JSON.stringify(cause)}`).not.toContain(
      '052186001234',
    );
    expect(cause).toMatchObject({ code: '22P02' });
  });

  it('a query that writes (25006) is a query error', () => {
    expect(
      queryError(target, pgError('25006', 'cannot execute UPDATE in a read-only transaction')).code,
    ).toBe('KNTC_SOURCE_QUERY');
  });

  it('a connection lost mid-query and serialization failures are retryable', () => {
    expect(queryError(target, new Error('Connection terminated unexpectedly'))).toMatchObject({
      code: 'KNTC_SOURCE_UNREACHABLE',
      retryable: true,
    });
    expect(queryError(target, pgError('40001', 'could not serialize access')).retryable).toBe(true);
    expect(
      queryError(target, pgError('57P01', 'terminating connection due to administrator command'))
        .retryable,
    ).toBe(true);
  });
});
