/**
 * An in-memory stand-in for the Quy Nhơn-style list endpoint, served through nock: records
 * sorted by (ngayCapNhat as an instant, maDon), capNhatTu inclusive, sauMaDon keyset, trang and
 * soBanGhi page numbers. Tests mutate `records` between requests to model a changing source.
 */
import nock from 'nock';
import { pino } from 'pino';
import type { AdapterContext, RawBatch } from '../../../../adapters/contract.ts';
import type { RestJsonConfig } from '../../../../adapters/rest-json/index.ts';

/** Base URL of the fake source (never contacted: nock intercepts). */
export const BASE = 'http://127.0.0.1:4101';
export const LIST_PATH = '/api/v1/don-thu';

/** A synthetic source record (no personal data needed for paging tests). */
export interface FakeRecord {
  maDon: string;
  ngayCapNhat?: string | null;
  noiDung?: string;
}

/** A request the fake received. */
export interface SeenRequest {
  readonly query: URLSearchParams;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** The Quy Nhơn config used by the tests, keyset on unless `afterId` is removed. */
export function quynhonConfig(overrides: Partial<RestJsonConfig> = {}): RestJsonConfig {
  return {
    baseUrl: BASE,
    checkPath: '/api/v1/ping',
    listPath: LIST_PATH,
    auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'QUYNHON_API_KEY' },
    params: {
      page: 'trang',
      pageSize: 'soBanGhi',
      modifiedSince: 'capNhatTu',
      afterId: 'sauMaDon',
    },
    response: { items: 'duLieu', totalPages: 'tongSoTrang' },
    record: { id: 'maDon', modified: 'ngayCapNhat' },
    pageSize: 3,
    timeoutMs: 2000,
    ...overrides,
  };
}

/** The same config without keyset support. */
export function noKeysetConfig(overrides: Partial<RestJsonConfig> = {}): RestJsonConfig {
  const config = quynhonConfig(overrides);
  const { page, pageSize, modifiedSince } = config.params;
  return { ...config, params: { page, pageSize, modifiedSince } };
}

/** An adapter context with a silent logger and the Quy Nhơn secret. */
export function makeCtx(
  config: RestJsonConfig,
  options: { secrets?: Record<string, string>; signal?: AbortSignal } = {},
): AdapterContext<RestJsonConfig> {
  return {
    sourceId: 'quynhon-web',
    config,
    secrets: options.secrets ?? { QUYNHON_API_KEY: 'test-key-123' },
    log: pino({ level: 'silent' }),
    signal: options.signal ?? new AbortController().signal,
  };
}

/** Drains a pull into its batches. */
export async function collect(batches: AsyncIterable<RawBatch>): Promise<RawBatch[]> {
  const out: RawBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

/** The maDon of every record of every batch, in order. */
export function idsOf(batches: readonly RawBatch[]): (string | null)[] {
  return batches.flatMap((b) => b.records.map((r) => r.sourceRecordId));
}

/** Record `QN-2026-<n>` modified at `time` (+07:00). */
export function rec(n: number, time: string): FakeRecord {
  return {
    maDon: `QN-2026-${String(n).padStart(6, '0')}`,
    ngayCapNhat: `2026-10-20T${time}+07:00`,
  };
}

/** The fake list endpoint. */
export class FakeSource {
  readonly requests: SeenRequest[] = [];
  /** Called before answering request number n (1-based): mutate `records` here. */
  beforeAnswer: ((n: number) => void) | undefined;

  constructor(
    public records: FakeRecord[],
    private readonly keyset = true,
  ) {}

  /** Intercepts the list endpoint until nock.cleanAll(), noting each request's query and headers. */
  install(): this {
    const answer = (query: URLSearchParams): unknown => this.answer(query);
    const requests = this.requests;
    nock(BASE)
      .persist()
      .get(LIST_PATH)
      .query(true)
      .reply(function (uri) {
        const query = new URL(uri, BASE).searchParams;
        requests.push({ query, headers: { ...this.req.headers } });
        return [200, answer(query)];
      });
    return this;
  }

  private answer(query: URLSearchParams): unknown {
    this.beforeAnswer?.(this.requests.length);
    const since = query.get('capNhatTu');
    const after = this.keyset ? query.get('sauMaDon') : null;
    const page = Number(query.get('trang') ?? '1');
    const size = Number(query.get('soBanGhi') ?? '100');
    const sinceMs = since === null ? null : Date.parse(since);
    const selected = [...this.records]
      .filter(
        (r) => sinceMs === null || (r.ngayCapNhat != null && Date.parse(r.ngayCapNhat) >= sinceMs),
      )
      .filter(
        (r) => after === null || Date.parse(r.ngayCapNhat ?? '') !== sinceMs || r.maDon > after,
      )
      .sort(
        (a, b) => timeOf(a) - timeOf(b) || (a.maDon < b.maDon ? -1 : a.maDon > b.maDon ? 1 : 0),
      );
    const duLieu = selected.slice((page - 1) * size, page * size);
    const tongSoTrang = Math.ceil(selected.length / size);
    return { trang: page, soBanGhi: size, tongSoTrang, tongSoBanGhi: selected.length, duLieu };
  }
}

function timeOf(r: FakeRecord): number {
  return r.ngayCapNhat == null ? 0 : Date.parse(r.ngayCapNhat);
}
