/**
 * An in-memory Hà Nội-style SOAP service behind nock, for the soap-xml adapter's unit tests:
 * the simulator's own store and renderer answer LayDanhSachDon, so paging and cursors are
 * tested against the same ordering rules; the store can change between requests.
 */
import nock from 'nock';
import pino from 'pino';
import type { AdapterContext, RawBatch } from '../../../../adapters/contract.ts';
import type { SoapXmlConfig } from '../../../../adapters/soap-xml/index.ts';
import { HanoiStore, type HanoiRecord } from '../../../../src/simulators/hanoi/index.ts';
import { renderResult } from '../../../../src/simulators/hanoi/render-xml.ts';
import { envelope, type SoapVersion } from '../../../../src/simulators/hanoi/soap.ts';
import { toQuery } from '../../../../src/simulators/hanoi/routes.ts';

/** Where the fake service lives. */
export const BASE = 'http://hanoi.test';
/** The service path. */
export const PATH = '/KNTCService.asmx';
/** The WS-Security / Basic password the tests use. */
export const SECRET = 'mat-khau-bi-mat-42';

/** Body template of LayDanhSachDon. */
export const BODY =
  '<LayDanhSachDon xmlns="http://thanhtra.hanoi.gov.vn/kntc/"><TuNgayCapNhat>{{modifiedSince}}</TuNgayCapNhat><SauSoDon>{{afterId}}</SauSoDon><Trang>{{page}}</Trang><SoBanGhi>{{pageSize}}</SoBanGhi></LayDanhSachDon>';

/** A config for the fake service. */
export function hanoiConfig(overrides: Partial<SoapXmlConfig> = {}): SoapXmlConfig {
  return {
    endpoint: `${BASE}${PATH}`,
    protocol: 'soap1.1',
    soapAction: 'http://thanhtra.hanoi.gov.vn/kntc/LayDanhSachDon',
    body: BODY,
    keyset: true,
    auth: { type: 'wsse', username: 'hub', secretEnv: 'HANOI_PASSWORD' },
    records: 'Envelope.Body.LayDanhSachDonResponse.KetQua.Don',
    totalPages: 'Envelope.Body.LayDanhSachDonResponse.KetQua.TongSoTrang',
    record: { id: 'SoDon', modified: 'NgayCapNhat' },
    pageSize: 3,
    timeoutMs: 2000,
    ...overrides,
  };
}

/** An adapter context for the fake service. */
export function makeCtx(
  config: SoapXmlConfig,
  signal?: AbortSignal,
): AdapterContext<SoapXmlConfig> {
  return {
    sourceId: 'hanoi-kntc',
    config,
    secrets: { HANOI_PASSWORD: SECRET },
    log: pino({ level: 'silent' }),
    signal: signal ?? new AbortController().signal,
  };
}

/** Record HN-<n> modified at `time` (+07:00) on 15/03/2024. */
export function rec(n: number, time: string): HanoiRecord {
  const iso = `2024-03-15T${time}+07:00`;
  return {
    soDon: `HN-${String(n).padStart(7, '0')}`,
    ngayNhanDon: '15/03/2024',
    ngayVietDon: null,
    loaiDon: { ma: '01', ten: 'Khiếu nại' },
    nguonDon: 'TRUC_TIEP',
    linhVuc: '02',
    coQuanTiepNhan: { ma: '01.001.00004', ten: 'UBND Phường Trúc Bạch' },
    nguoiGui: [],
    soNguoiKy: 0,
    anDanh: true,
    noiDungDon: `Nội dung ${n}`,
    doiTuongBiKhieuNai: null,
    ketQuaXuLy: null,
    ngayCapNhat: iso,
    updatedMs: Date.parse(iso),
  };
}

/** What each request asked. */
export interface SeenRequest {
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

function param(body: string, name: string): string | null {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1] ?? null;
}

/**
 * Serves LayDanhSachDon from `store` for every request (persisted interceptor); `beforeAnswer`
 * runs before answering request number n (1-based), to change the store mid-run.
 */
export function serve(
  store: HanoiStore,
  version: SoapVersion = '1.1',
  beforeAnswer?: (n: number) => void,
): SeenRequest[] {
  const seen: SeenRequest[] = [];
  nock(BASE)
    .persist()
    .post(PATH)
    .reply(function (_uri, body) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      seen.push({ body: text, headers: { ...this.req.headers } });
      beforeAnswer?.(seen.length);
      const q = toQuery({
        since: param(text, 'TuNgayCapNhat'),
        after: param(text, 'SauSoDon'),
        page: param(text, 'Trang'),
        size: param(text, 'SoBanGhi'),
      });
      if (typeof q === 'string') return [500, q];
      const page = store.query(q);
      const result = renderResult(page.records, q.page, page.totalPages, page.total);
      const xml = envelope(
        version,
        `<LayDanhSachDonResponse xmlns="http://thanhtra.hanoi.gov.vn/kntc/">${result}</LayDanhSachDonResponse>`,
      );
      return [200, xml, { 'content-type': 'text/xml; charset=utf-8' }];
    });
  return seen;
}

/** A store with the given records. */
export const storeOf = (records: readonly HanoiRecord[]): HanoiStore => new HanoiStore(records);

/** Drains a pull into its batches. */
export async function collect(batches: AsyncIterable<RawBatch>): Promise<RawBatch[]> {
  const out: RawBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

/** The record ids of every batch, in order. */
export const idsOf = (batches: readonly RawBatch[]): (string | null)[] =>
  batches.flatMap((b) => b.records.map((r) => r.sourceRecordId));
