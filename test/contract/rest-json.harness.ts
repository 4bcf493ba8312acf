/**
 * The rest-json adapter's contract harness: the Quy Nhơn simulator on 127.0.0.1 port 0, with its
 * runtime faults (503 rate, latency) plus an onSend hook for the two faults it lacks (an HTML
 * maintenance page as a malformed payload, and an empty answer).
 */
import { restJsonAdapter } from '../../adapters/rest-json/index.ts';
import { comparePositions, fromCursor } from '../../adapters/shared/position.ts';
import { buildQuyNhonSimulator } from '../../src/simulators/quynhon/index.ts';
import type { ContractHarness, Fault, FakeSource } from './harness.ts';

const KEY = 'contract-key';
const PAGE = 10;
const TIMEOUT_MS = 400;

async function startQuyNhon(records: number): Promise<FakeSource> {
  const sim = buildQuyNhonSimulator({ apiKey: KEY, seed: 7, initialRecords: records });
  let fault: Fault = 'none';
  sim.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/api/v1/don-thu')) return payload;
    if (fault === 'malformed') {
      void reply.header('content-type', 'text/html; charset=utf-8');
      return '<html><body>Hệ thống đang bảo trì</body></html>';
    }
    if (fault === 'empty')
      return JSON.stringify({
        trang: 1,
        soBanGhi: PAGE,
        tongSoTrang: 0,
        tongSoBanGhi: 0,
        duLieu: [],
      });
    return payload;
  });
  const url = await sim.listen({ host: '127.0.0.1', port: 0 });
  return {
    config: {
      baseUrl: url,
      checkPath: '/api/v1/ping',
      listPath: '/api/v1/don-thu',
      auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'CONTRACT_KEY' },
      params: {
        page: 'trang',
        pageSize: 'soBanGhi',
        modifiedSince: 'capNhatTu',
        afterId: 'sauMaDon',
      },
      response: { items: 'duLieu', totalPages: 'tongSoTrang' },
      record: { id: 'maDon', modified: 'ngayCapNhat' },
      pageSize: PAGE,
      timeoutMs: TIMEOUT_MS,
      lookbackSeconds: 0,
    },
    secrets: { CONTRACT_KEY: KEY },
    ids: sim.sim.store.all().map((r) => r.maDon),
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

/** rest-json against the Quy Nhơn simulator; lookback 0 and keyset paging: an exact resume. */
export const restJsonHarness: ContractHarness = {
  adapter: restJsonAdapter,
  start: startQuyNhon,
  compareCursors(a, b) {
    const pa = fromCursor('contract', a);
    const pb = fromCursor('contract', b);
    if (pa === null || pb === null) return pa === pb ? 0 : pa === null ? -1 : 1;
    return comparePositions(pa, pb);
  },
  resumeOverlap: 0,
};
