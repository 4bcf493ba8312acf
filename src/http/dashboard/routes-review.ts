/**
 * The duplicates review pages, for staff (admin and inspector; viewers never see records side by
 * side): the queue, one pair, accept / reject with an optional note, undo, and the audited reveal
 * of a protected pair for inspectors. Decisions go through src/dedup/decisions.ts under the
 * signed-in account, never a name from the form, and each one is also written to the audit log.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STAFF, type Role } from '../../auth/roles.ts';
import { decideReview, undoDecision, type Verdict } from '../../dedup/decisions.ts';
import { withSides } from '../../dedup/review-view.ts';
import { HubError } from '../../lib/errors.ts';
import { appendAudit } from '../../store/audit-repo.ts';
import { getReview, listDecisions, listReviews } from '../../store/dedup-review-repo.ts';
import { pageContext } from '../plugins/auth.ts';
import { auditDecision, deciderOf } from '../routes/review.ts';
import type { DashboardDeps } from './deps.ts';
import type { MessageKey } from './messages.ts';
import { reviewQueuePage, type ReviewQueue } from './pages/review.ts';
import { reviewPairPage } from './pages/review-pair.ts';
import { refParts, shownPairs } from './pages/review-sides.ts';
import { sendPage } from './routes-session.ts';

/** Roles that may reveal a protected identity (must agree with mayRevealProtected). */
const REVEALERS: readonly Role[] = ['inspector'];
const PAGE = 50;
const ID = /^[1-9][0-9]{0,18}$/;

const FLASH: Readonly<Record<string, MessageKey>> = {
  decided: 'reviewDecided',
  undone: 'reviewUndone',
  conflict: 'reviewConflict',
};

interface QueueQuery {
  kind?: string;
  after?: string;
  done?: string;
}

function checkedId(id: string, what: string): string {
  if (!ID.test(id)) throw new HubError('KNTC_NOT_FOUND', `No ${what} #${id}.`);
  return id;
}

function noteOf(body: unknown): string | null {
  const note = (body as { note?: unknown } | undefined)?.note;
  const text = typeof note === 'string' ? note.trim().slice(0, 2000) : '';
  return text === '' ? null : text;
}

async function pairOr404(deps: DashboardDeps, id: string, role: Role, revealed = false) {
  const item = await getReview(deps.pool, checkedId(id, 'review pair'));
  if (item === null) throw new HubError('KNTC_NOT_FOUND', `No review pair #${id}.`);
  const [pair] = await shownPairs(deps.pool, [item], role, revealed);
  if (pair === undefined) throw new HubError('KNTC_NOT_FOUND', `No review pair #${id}.`);
  return pair;
}

/** Runs a decision; a conflict (already decided or undone) sends the browser back with a note. */
async function decide(
  reply: FastifyReply,
  run: () => Promise<void>,
  back: string,
  done: 'decided' | 'undone',
): Promise<FastifyReply> {
  try {
    await run();
  } catch (err) {
    if (err instanceof HubError && err.code === 'KNTC_CONFLICT') {
      return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}done=conflict`, 303);
    }
    throw err;
  }
  return reply.redirect(`/review?done=${done}#recent`, 303);
}

/** The queue page's data: one page of open pairs (oldest first) and the recent decisions. */
async function loadQueue(deps: DashboardDeps, q: QueueQuery): Promise<ReviewQueue> {
  const kind = q.kind === 'person' || q.kind === 'case' ? q.kind : null;
  const after = q.after !== undefined && ID.test(q.after) ? q.after : null;
  const [items, decisions] = await Promise.all([
    listReviews(deps.pool, {
      status: 'open',
      limit: PAGE + 1,
      ...(kind === null ? {} : { kind }),
      ...(after === null ? {} : { afterId: after }),
    }),
    listDecisions(deps.pool, 20),
  ]);
  const page = items.slice(0, PAGE);
  return {
    kind,
    pairs: await withSides(deps.pool, page),
    nextAfter: items.length > PAGE ? (page.at(-1)?.id ?? null) : null,
    paged: after !== null,
    decisions,
  };
}

/** Records an inspector's reveal of a pair (before the page is sent); returns the pair in clear. */
async function reveal(deps: DashboardDeps, req: FastifyRequest<{ Params: { id: string } }>) {
  const given = (req.body as { reason?: unknown } | undefined)?.reason;
  const reason = typeof given === 'string' ? given.trim() : '';
  if (reason.length < 10) {
    throw new HubError('KNTC_BAD_REQUEST', 'A reason of at least 10 characters is required.');
  }
  const user = deciderOf(req);
  const pair = await pairOr404(deps, req.params.id, user.role, true);
  await appendAudit(deps.pool, {
    actor: user.username,
    actorRole: user.role,
    action: 'identity.revealed',
    targetType: 'review',
    targetId: pair.id,
    reason: reason.slice(0, 500),
    ip: req.ip,
    details: {
      kind: pair.kind,
      leftHubId: refParts(pair.kind, pair.leftRef).hubId,
      rightHubId: refParts(pair.kind, pair.rightRef).hubId,
    },
  });
  return pair;
}

/** Registers the review pages. */
export function reviewPageRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const staff = { config: { roles: STAFF } };
  app.get<{ Querystring: QueueQuery }>('/review', staff, async (req, reply) => {
    const flash = FLASH[req.query.done ?? ''] ?? null;
    const page = reviewQueuePage(pageContext(req, reply), await loadQueue(deps, req.query), flash);
    return sendPage(reply, page);
  });
  app.get<{ Params: { id: string }; Querystring: QueueQuery }>(
    '/review/:id',
    staff,
    async (req, reply) => {
      const pair = await pairOr404(deps, req.params.id, req.user?.role ?? 'viewer');
      const flash = FLASH[req.query.done ?? ''] ?? null;
      return sendPage(reply, reviewPairPage(pageContext(req, reply), pair, false, flash));
    },
  );
  for (const verdict of ['accept', 'reject'] as const satisfies readonly Verdict[]) {
    app.post<{ Params: { id: string } }>(`/review/:id/${verdict}`, staff, async (req, reply) => {
      const id = checkedId(req.params.id, 'review pair');
      const user = deciderOf(req);
      const run = async () => {
        const d = await decideReview(deps.pool, id, verdict, user.username, noteOf(req.body));
        await auditDecision(deps.pool, req, user, d);
      };
      return decide(reply, run, `/review/${id}`, 'decided');
    });
  }
  app.post<{ Params: { id: string } }>('/review/decisions/:id/undo', staff, async (req, reply) => {
    const id = checkedId(req.params.id, 'decision');
    const user = deciderOf(req);
    const run = async () => {
      const d = await undoDecision(deps.pool, id, user.username, noteOf(req.body));
      await auditDecision(deps.pool, req, user, d);
    };
    return decide(reply, run, '/review', 'undone');
  });
  app.post<{ Params: { id: string } }>(
    '/review/:id/reveal',
    { config: { roles: REVEALERS } },
    async (req, reply) => {
      const pair = await reveal(deps, req);
      const page = reviewPairPage(pageContext(req, reply), pair, true, null);
      return sendPage(reply.header('cache-control', 'no-store'), page);
    },
  );
}
