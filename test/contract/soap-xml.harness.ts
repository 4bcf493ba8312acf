/**
 * The soap-xml adapter's contract harness: the Hà Nội simulator on 127.0.0.1 port 0 over SOAP 1.1
 * with a WS-Security PasswordDigest, with its runtime faults (Server fault rate, latency) plus an
 * onSend hook for the two faults it lacks (a truncated answer as a malformed payload, and an
 * answer with no Don elements).
 */
import { soapXmlAdapter } from '../../adapters/soap-xml/index.ts';
import { comparePositions, fromCursor } from '../../adapters/shared/position.ts';
import { buildHanoiSimulator } from '../../src/simulators/hanoi/index.ts';
import { renderResult } from '../../src/simulators/hanoi/render-xml.ts';
import { envelope, HANOI_NS, LAY_DANH_SACH_DON_ACTION } from '../../src/simulators/hanoi/soap.ts';
import type { ContractHarness, Fault, FakeSource } from './harness.ts';

const PASSWORD = 'contract-password';
const PAGE = 10;
const TIMEOUT_MS = 400;

/** A well-formed answer holding no record (what the service sends when nothing matches). */
const EMPTY_ANSWER = envelope(
  '1.1',
  `<LayDanhSachDonResponse xmlns="${HANOI_NS}">${renderResult([], 1, 0, 0)}</LayDanhSachDonResponse>`,
);

async function startHanoi(records: number): Promise<FakeSource> {
  const sim = buildHanoiSimulator({
    credentials: { username: 'hub', password: PASSWORD },
    seed: 9,
    initialRecords: records,
  });
  let fault: Fault = 'none';
  sim.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'POST' || reply.statusCode !== 200) return payload;
    if (fault === 'malformed' && typeof payload === 'string') {
      return payload.slice(0, Math.floor(payload.length / 2)); // the connection dropped mid-answer
    }
    return fault === 'empty' ? EMPTY_ANSWER : payload;
  });
  const url = await sim.listen({ host: '127.0.0.1', port: 0 });
  return {
    config: {
      endpoint: `${url}/KNTCService.asmx`,
      protocol: 'soap1.1',
      soapAction: LAY_DANH_SACH_DON_ACTION,
      body: `<LayDanhSachDon xmlns="${HANOI_NS}"><TuNgayCapNhat>{{modifiedSince}}</TuNgayCapNhat><SauSoDon>{{afterId}}</SauSoDon><Trang>{{page}}</Trang><SoBanGhi>{{pageSize}}</SoBanGhi></LayDanhSachDon>`,
      keyset: true,
      auth: {
        type: 'wsse',
        username: 'hub',
        secretEnv: 'CONTRACT_HANOI_PASSWORD',
        passwordType: 'PasswordDigest',
      },
      records: 'Envelope.Body.LayDanhSachDonResponse.KetQua.Don',
      totalPages: 'Envelope.Body.LayDanhSachDonResponse.KetQua.TongSoTrang',
      record: { id: 'SoDon', modified: 'NgayCapNhat' },
      pageSize: PAGE,
      timeoutMs: TIMEOUT_MS,
      lookbackSeconds: 0,
    },
    secrets: { CONTRACT_HANOI_PASSWORD: PASSWORD },
    ids: sim.sim.store.all().map((r) => r.soDon),
    pageSize: PAGE,
    setFault(next) {
      fault = next;
      sim.sim.setFaults({
        errorRate: next === 'server-error' ? 1 : 0,
        latencyMs: next === 'timeout' ? TIMEOUT_MS * 5 : 0,
      });
    },
    close: () => sim.close(),
  };
}

/** soap-xml against the Hà Nội simulator; keyset paging and lookback 0: an exact resume. */
export const soapXmlHarness: ContractHarness = {
  adapter: soapXmlAdapter,
  start: startHanoi,
  compareCursors(a, b) {
    const pa = fromCursor('contract', a);
    const pb = fromCursor('contract', b);
    if (pa === null || pb === null) return pa === pb ? 0 : pa === null ? -1 : 1;
    return comparePositions(pa, pb);
  },
  resumeOverlap: 0,
};
