/**
 * The simulated system's public API: ping and the paged, incremental list of records, exactly
 * as the Quy Nhơn API brief describes it (Vietnamese field names, 1-based pages, keyset paging
 * on (ngayCapNhat, maDon)).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RecordStore, StoreQuery } from './record-store.ts';
import {
  donThuPageSchema,
  donThuQuerySchema,
  errorSchema,
  pingSchema,
  type DonThuQuery,
} from './schemas.ts';

// Offset required: an instant without one is ambiguous, and the real system rejects it.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO-8601 instant with offset; null when malformed. */
export function parseInstant(text: string): number | null {
  if (!ISO_WITH_OFFSET.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

function badRequest(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(400).send({ error: 'BadRequest', message });
}

function storeQuery(query: DonThuQuery, fromMs: number | null): StoreQuery {
  const size = query.soBanGhi ?? 100;
  const base = { offset: ((query.trang ?? 1) - 1) * size, limit: size };
  if (fromMs === null) return base;
  return query.sauMaDon === undefined
    ? { ...base, fromMs }
    : { ...base, fromMs, afterMaDon: query.sauMaDon };
}

/** Registers GET /api/v1/ping and GET /api/v1/don-thu on the app. */
export function registerApiRoutes(app: FastifyInstance, store: RecordStore): void {
  app.get(
    '/api/v1/ping',
    { schema: { response: { 200: pingSchema, '4xx': errorSchema, '5xx': errorSchema } } },
    () => ({ status: 'ok', heThong: 'Phần mềm theo dõi đơn thư TP Quy Nhơn', phienBan: '2.3.1' }),
  );

  app.get<{ Querystring: DonThuQuery }>(
    '/api/v1/don-thu',
    {
      schema: {
        querystring: donThuQuerySchema,
        response: { 200: donThuPageSchema, '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    (request, reply) => {
      const q = request.query;
      const fromMs = q.capNhatTu === undefined ? null : parseInstant(q.capNhatTu);
      if (q.capNhatTu !== undefined && fromMs === null) {
        return badRequest(
          reply,
          'capNhatTu phải là thời điểm ISO-8601 có múi giờ, ví dụ 2026-10-20T09:15:00+07:00 (dấu + phải mã hoá thành %2B)',
        );
      }
      if (q.sauMaDon !== undefined && fromMs === null) {
        return badRequest(reply, 'sauMaDon chỉ dùng kèm capNhatTu');
      }
      const size = q.soBanGhi ?? 100;
      const page = store.page(storeQuery(q, fromMs));
      return reply.send({
        trang: q.trang ?? 1,
        soBanGhi: size,
        tongSoTrang: Math.ceil(page.total / size),
        tongSoBanGhi: page.total,
        duLieu: page.items,
      });
    },
  );
}
