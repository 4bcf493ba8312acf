/**
 * The Hà Nội service's routes: SOAP 1.1 and 1.2 on POST /KNTCService.asmx (operation
 * LayDanhSachDon), the WSDL on GET /KNTCService.asmx?wsdl, and the plain-XML variant
 * GET /api/xml/don-thu. Auth and planted faults are checked here, before any listing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Rng } from '../synth/index.ts';
import { basicOk, wsseCheck, type HanoiCredentials } from './auth.ts';
import type { HanoiServerFaults } from './control.ts';
import { renderResult } from './render-xml.ts';
import {
  childOf,
  envelope,
  faultEnvelope,
  HANOI_NS,
  LAY_DANH_SACH_DON_ACTION,
  parseSoapRequest,
  soapContentType,
  textOf,
  wsdl,
  type SoapVersion,
} from './soap.ts';
import type { HanoiQuery, HanoiStore } from './store.ts';

/** What the routes need. */
export interface RouteDeps {
  readonly store: () => HanoiStore;
  readonly credentials: HanoiCredentials;
  readonly faults: () => HanoiServerFaults;
  readonly faultRng: Rng;
  readonly now: () => Date;
}

const MAX_PAGE_SIZE = 500;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

type Params = Readonly<Record<'since' | 'after' | 'page' | 'size', string | null>>;

/** Reads the list parameters; a string describing the problem when one is invalid. */
export function toQuery(p: Params): HanoiQuery | string {
  const since = p.since?.trim() ?? '';
  if (since !== '' && (!ISO_WITH_OFFSET.test(since) || Number.isNaN(Date.parse(since)))) {
    return 'TuNgayCapNhat phải là thời điểm ISO-8601 có múi giờ';
  }
  const page = Number(p.page?.trim() || '1');
  const size = Number(p.size?.trim() || '50');
  if (!Number.isInteger(page) || page < 1) return 'Trang phải là số nguyên dương';
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    return `SoBanGhi phải từ 1 đến ${MAX_PAGE_SIZE}`;
  }
  const after = p.after?.trim() ?? '';
  return {
    sinceMs: since === '' ? null : Date.parse(since),
    afterId: since !== '' && after !== '' ? after : null,
    page,
    pageSize: size,
  };
}

async function delayAndFail(deps: RouteDeps): Promise<boolean> {
  const { errorRate, latencyMs } = deps.faults();
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  return errorRate > 0 && deps.faultRng.chance(errorRate);
}

function versionOf(request: FastifyRequest): SoapVersion | null {
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/soap+xml')) return '1.2';
  if (type.startsWith('text/xml')) return '1.1';
  return null;
}

function actionOf(request: FastifyRequest, version: SoapVersion): string {
  if (version === '1.1') return String(request.headers['soapaction'] ?? '').replace(/^"|"$/g, '');
  return (
    /action="?([^";]+)"?/.exec(request.headers['content-type'] ?? '')?.[1] ??
    LAY_DANH_SACH_DON_ACTION
  );
}

async function soapHandler(deps: RouteDeps, request: FastifyRequest, reply: FastifyReply) {
  const version = versionOf(request);
  if (version === null)
    return reply
      .code(415)
      .type('text/plain')
      .send('Content-Type phải là text/xml hoặc application/soap+xml');
  const fault = (status: number, side: 'client' | 'server', text: string, subcode?: string) =>
    reply
      .code(status)
      .type(soapContentType(version))
      .send(faultEnvelope(version, side, text, subcode));
  const parsed = await parseSoapRequest(typeof request.body === 'string' ? request.body : '');
  if (parsed === null)
    return fault(version === '1.1' ? 500 : 400, 'client', 'Yêu cầu không phải SOAP hợp lệ');
  const basic = basicOk(request.headers.authorization, deps.credentials);
  const wsse = wsseCheck(parsed.header, deps.credentials, deps.now().getTime());
  if (!basic && wsse !== 'ok') {
    if (wsse === 'missing' && request.headers.authorization === undefined) {
      return reply
        .code(401)
        .header('www-authenticate', 'Basic realm="KNTC"')
        .type('text/plain')
        .send('Unauthorized');
    }
    return fault(500, 'client', 'Xác thực thất bại', 'wsse:FailedAuthentication');
  }
  if (
    actionOf(request, version) !== LAY_DANH_SACH_DON_ACTION ||
    parsed.body['LayDanhSachDon'] === undefined
  ) {
    return fault(500, 'client', 'Thao tác không được hỗ trợ (chỉ có LayDanhSachDon)');
  }
  if (await delayAndFail(deps))
    return fault(500, 'server', 'Hệ thống đang bận, vui lòng thử lại sau');
  const op = parsed.body['LayDanhSachDon'];
  const read = (k: string) => textOf(childOf(op, k));
  const query = toQuery({
    since: read('TuNgayCapNhat'),
    after: read('SauSoDon'),
    page: read('Trang'),
    size: read('SoBanGhi'),
  });
  if (typeof query === 'string') return fault(500, 'client', query);
  const page = deps.store().query(query);
  const body = `<LayDanhSachDonResponse xmlns="${HANOI_NS}">${renderResult(page.records, query.page, page.totalPages, page.total)}</LayDanhSachDonResponse>`;
  return reply.code(200).type(soapContentType(version)).send(envelope(version, body));
}

async function xmlGetHandler(deps: RouteDeps, request: FastifyRequest, reply: FastifyReply) {
  const xmlError = (status: number, text: string) =>
    reply
      .code(status)
      .type('application/xml; charset=utf-8')
      .send(`<?xml version="1.0" encoding="utf-8"?><Loi><ThongBao>${text}</ThongBao></Loi>`);
  if (!basicOk(request.headers.authorization, deps.credentials)) {
    return reply
      .code(401)
      .header('www-authenticate', 'Basic realm="KNTC"')
      .type('text/plain')
      .send('Unauthorized');
  }
  if (await delayAndFail(deps)) return xmlError(503, 'Hệ thống đang bận, vui lòng thử lại sau');
  const q = request.query as Record<string, string | undefined>;
  const query = toQuery({
    since: q['tuNgayCapNhat'] ?? null,
    after: q['sauSoDon'] ?? null,
    page: q['trang'] ?? null,
    size: q['soBanGhi'] ?? null,
  });
  if (typeof query === 'string') return xmlError(400, query);
  const page = deps.store().query(query);
  const body = renderResult(page.records, query.page, page.totalPages, page.total)
    .replace(/^<KetQua>/, '')
    .replace(/<\/KetQua>$/, '');
  return reply
    .code(200)
    .type('application/xml; charset=utf-8')
    .send(
      `<?xml version="1.0" encoding="utf-8"?><DanhSachDon xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${body}</DanhSachDon>`,
    );
}

/** Registers the service routes. */
export function registerHanoiRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.addContentTypeParser(
    ['text/xml', 'application/soap+xml', 'application/xml'],
    { parseAs: 'string', bodyLimit: 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );
  app.post('/KNTCService.asmx', (request, reply) => soapHandler(deps, request, reply));
  app.get('/KNTCService.asmx', (request, reply) => {
    const location = `http://${request.headers.host ?? '127.0.0.1'}/KNTCService.asmx`;
    return reply.type('text/xml; charset=utf-8').send(wsdl(location));
  });
  app.get('/api/xml/don-thu', (request, reply) => xmlGetHandler(deps, request, reply));
}
