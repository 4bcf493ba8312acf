/**
 * Petition lookup and lineage. Identities are masked as src/auth/roles.ts says; an inspector may
 * reveal a protected identity by giving a reason, and every reveal is audited before the page is
 * sent.
 */
import type { FastifyInstance } from 'fastify';
import { ANY_ROLE, type Role } from '../../auth/roles.ts';
import { HubError } from '../../lib/errors.ts';
import { appendAudit } from '../../store/audit-repo.ts';
import { findPetitionId, petitionLineage, recentPetitions } from '../../store/lineage-repo.ts';
import type { SourceStatus } from '../../store/sources-repo.ts';
import { pageContext } from '../plugins/auth.ts';
import { petitionLookupPage, petitionPage } from './pages/petition.ts';
import { petitionView } from './petition-view.ts';
import { sendPage } from './routes-session.ts';
import type { DashboardDeps } from './deps.ts';

/** Roles that may reveal a protected identity (must agree with mayRevealProtected). */
const REVEALERS: readonly Role[] = ['inspector'];

async function lineageOr404(deps: DashboardDeps, hubId: string) {
  const lineage = await petitionLineage(deps.pool, hubId);
  if (lineage === null) throw new HubError('KNTC_NOT_FOUND', `No petition with hub id ${hubId}.`);
  return lineage;
}

/** Registers petition routes. */
export function petitionRoutes(
  app: FastifyInstance,
  deps: DashboardDeps,
  listSources: () => Promise<readonly SourceStatus[]>,
): void {
  const roles = { config: { roles: ANY_ROLE } };
  app.get<{ Querystring: { source?: string; record?: string } }>(
    '/petitions',
    roles,
    async (req, reply) => {
      const ids = (await listSources()).map((s) => s.id);
      const { source, record } = req.query;
      if (source !== undefined && record !== undefined && record !== '') {
        const hubId = await findPetitionId(deps.pool, source, record.trim());
        if (hubId !== null) return reply.redirect(`/petitions/${hubId}`, 303);
      }
      const recent = (
        await Promise.all(ids.map((id) => recentPetitions(deps.pool, id, 10)))
      ).flat();
      const page = petitionLookupPage(pageContext(req, reply), ids, recent, record !== undefined);
      return sendPage(reply, page);
    },
  );
  app.get<{ Params: { hubId: string } }>('/petitions/:hubId', roles, async (req, reply) => {
    const view = petitionView(
      await lineageOr404(deps, req.params.hubId),
      req.user?.role ?? 'viewer',
    );
    return sendPage(reply, petitionPage(pageContext(req, reply), view, false));
  });
  app.get<{ Params: { hubId: string } }>('/api/v1/petitions/:hubId', roles, async (req) => {
    const view = petitionView(
      await lineageOr404(deps, req.params.hubId),
      req.user?.role ?? 'viewer',
    );
    return { ...view.lineage, identity: { protected: view.protectedIdentity, clear: view.clear } };
  });
  app.post<{ Params: { hubId: string }; Body: { reason?: string } }>(
    '/petitions/:hubId/reveal',
    { config: { roles: REVEALERS } },
    async (req, reply) => {
      const reason = String(req.body?.reason ?? '').trim();
      if (reason.length < 10) {
        throw new HubError('KNTC_BAD_REQUEST', 'A reason of at least 10 characters is required.');
      }
      const lineage = await lineageOr404(deps, req.params.hubId);
      const role = req.user?.role ?? 'viewer';
      await appendAudit(deps.pool, {
        actor: req.user?.username ?? null,
        actorRole: role,
        action: 'identity.revealed',
        targetType: 'petition',
        targetId: lineage.hubId,
        reason: reason.slice(0, 500),
        ip: req.ip,
        details: { sourceId: lineage.sourceId, sourceRecordId: lineage.sourceRecordId },
      });
      const view = petitionView(lineage, role, true);
      return sendPage(
        reply.header('cache-control', 'no-store'),
        petitionPage(pageContext(req, reply), view, true),
      );
    },
  );
}
