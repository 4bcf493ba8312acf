/**
 * The sources console beyond run/pause/resume (admins only): create and edit a source with a
 * form generated from its adapter's config JSON Schema, test its connection, preview its
 * mapping, view and replace its cursor. Everything goes through deps.sourcesConsole, which
 * audits each change; without it every page says the console is not configured. Whatever
 * contacts a source with its secrets (test, preview) is a POST, so it is CSRF-checked.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ONLY } from '../../auth/roles.ts';
import { HubError, toHubError } from '../../lib/errors.ts';
import type {
  ConsoleActor,
  ConsoleSourceView,
  SourcesConsole,
} from '../../sources/console-contract.ts';
import { pageContext } from '../plugins/auth.ts';
import { parseCursorText } from './forms/cursor-text.ts';
import { draftOf } from './forms/draft-form.ts';
import { configFields, type FormField } from './forms/form-fields.ts';
import { formStateOf, toFormState } from './forms/form-state.ts';
import type { DashboardDeps } from './deps.ts';
import { t, type MessageKey } from './messages.ts';
import { notFoundPage } from './pages/denied.ts';
import { consoleOffPage } from './pages/source-common.ts';
import { cursorText, sourceCursorPage } from './pages/source-cursor.ts';
import { sourceFormPage, type SourceFormModel } from './pages/source-form.ts';
import { chooseAdapterPage } from './pages/source-new.ts';
import {
  PREVIEW_PAGE_MAX,
  sourcePreviewPage,
  type PreviewOutcome,
} from './pages/source-preview.ts';
import { sourceTestPage } from './pages/source-test.ts';
import { sendPage } from './routes-session.ts';

/** Longest a connection test or a preview may take before it is abandoned. */
const PROBE_TIMEOUT_MS = 120_000;
const PREVIEW_DEFAULT = 10;

type Params = { Params: { id: string } };
type Handler<R extends object> = (
  svc: SourcesConsole,
  req: FastifyRequest<R>,
  reply: FastifyReply,
) => Promise<unknown>;
/** A handler of one existing source (the wrapper answers 404 for an unknown id). */
type SourceHandler<R extends object> = (
  svc: SourcesConsole,
  source: ConsoleSourceView,
  req: FastifyRequest<R & Params>,
  reply: FastifyReply,
) => Promise<unknown>;

/** Looks the source of `:id` up first; an unknown id gets the 404 page. */
function ofSource<R extends object>(handler: SourceHandler<R>): Handler<R & Params> {
  return async (svc, req, reply) => {
    // Every route wrapped here has an :id parameter.
    const { id } = req.params as Params['Params'];
    const source = await svc.get(id);
    if (source === null) return sendPage(reply, notFoundPage(pageContext(req, reply)), 404);
    return handler(svc, source, req, reply);
  };
}

function actorOf(req: FastifyRequest): ConsoleActor {
  return { username: req.user?.username ?? '', role: req.user?.role ?? '', ip: req.ip };
}

function flashOf(done: unknown, allowed: readonly MessageKey[]): MessageKey | null {
  return allowed.find((k) => k === done) ?? null;
}

function sourcePath(id: string, page: string): string {
  return `/sources/${encodeURIComponent(id)}/${page}`;
}

/** Stops a probe when the browser goes away or it takes too long. */
function probeSignal(reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) gone.abort();
  });
  return AbortSignal.any([gone.signal, AbortSignal.timeout(PROBE_TIMEOUT_MS)]);
}

/** The config fields of a kind; a kind the hub lacks gets one JSON box for the whole config. */
function fieldsOf(svc: SourcesConsole, kind: string): FormField {
  const info = svc.adapterKinds().find((k) => k.kind === kind);
  return configFields(info?.configSchema ?? { type: 'object' });
}

function editModel(
  svc: SourcesConsole,
  source: ConsoleSourceView,
  mappings: readonly string[],
  flash: MessageKey | null,
): SourceFormModel {
  const fields = fieldsOf(svc, source.adapter);
  const { id, name, mapping, enabled } = source;
  return {
    mode: source.origin === 'config-file' ? 'view' : 'edit',
    adapter: source.adapter,
    fields,
    general: { id, name, mapping, schedule: source.schedule ?? '', enabled },
    state: toFormState(fields, source.config),
    problems: [],
    mappings,
    source,
    version: source.version,
    flash,
  };
}

/** The form of a new source of `fields`' kind, blank or as posted. */
function createModel(
  adapter: string,
  fields: FormField,
  mappings: readonly string[],
  posted: Pick<SourceFormModel, 'general' | 'state' | 'problems'> | null,
): SourceFormModel {
  const general = { id: '', name: '', mapping: '', schedule: '', enabled: true };
  const blank = { general, state: {}, problems: [] };
  return {
    mode: 'create',
    adapter,
    fields,
    ...(posted ?? blank),
    mappings,
    source: null,
    version: 0,
    flash: null,
  };
}

const newSource: Handler<{ Querystring: { adapter?: string } }> = async (svc, req, reply) => {
  const ctx = pageContext(req, reply);
  const kinds = svc.adapterKinds();
  const kind = req.query.adapter;
  const info = kinds.find((k) => k.kind === kind);
  if (info === undefined) {
    const unknown = kind === undefined || kind === '' ? null : kind;
    return sendPage(reply, chooseAdapterPage(ctx, kinds, unknown), unknown === null ? 200 : 404);
  }
  const model = createModel(
    info.kind,
    configFields(info.configSchema),
    await svc.mappingFiles(),
    null,
  );
  return sendPage(reply, sourceFormPage(ctx, model));
};

const createSource: Handler<object> = async (svc, req, reply) => {
  const ctx = pageContext(req, reply);
  const state = formStateOf(req.body);
  const kinds = svc.adapterKinds();
  const info = kinds.find((k) => k.kind === state['adapter']);
  if (info === undefined) {
    return sendPage(reply, chooseAdapterPage(ctx, kinds, state['adapter'] ?? ''), 400);
  }
  const fields = configFields(info.configSchema);
  const form = draftOf(state, fields, info.kind, null, ctx.lang);
  const result =
    form.problems.length > 0
      ? { ok: false as const, problems: form.problems }
      : await svc.create(form.draft, actorOf(req));
  if (result.ok)
    return reply.redirect(`${sourcePath(result.source.id, 'edit')}?done=sourceCreated`, 303);
  const posted = { general: form.general, state, problems: result.problems };
  const model = createModel(info.kind, fields, await svc.mappingFiles(), posted);
  return sendPage(reply, sourceFormPage(ctx, model), 422);
};

const editSource = ofSource<{ Querystring: { done?: string } }>(async (svc, source, req, reply) => {
  const flash = flashOf(req.query.done, ['sourceCreated', 'sourceSaved']);
  const model = editModel(svc, source, await svc.mappingFiles(), flash);
  return sendPage(reply, sourceFormPage(pageContext(req, reply), model));
});

const updateSource = ofSource<object>(async (svc, source, req, reply) => {
  const ctx = pageContext(req, reply);
  const base = editModel(svc, source, await svc.mappingFiles(), null);
  if (base.mode === 'view') return sendPage(reply, sourceFormPage(ctx, base), 409);
  const state = formStateOf(req.body);
  const posted = Number(state['version']);
  const version = Number.isInteger(posted) ? posted : null;
  const form = draftOf(state, base.fields, source.adapter, source.id, ctx.lang);
  const result =
    form.problems.length > 0
      ? { ok: false as const, problems: form.problems }
      : await svc.update(source.id, form.draft, version ?? -1, actorOf(req));
  if (result.ok) return reply.redirect(`${sourcePath(source.id, 'edit')}?done=sourceSaved`, 303);
  const model = {
    ...base,
    general: form.general,
    state,
    problems: result.problems,
    version: version ?? source.version,
  };
  return sendPage(reply, sourceFormPage(ctx, model), 422);
});

const testSource = ofSource<object>(async (svc, source, req, reply) => {
  const report = await svc.test(source.id, probeSignal(reply));
  return sendPage(reply, sourceTestPage(pageContext(req, reply), source, report));
});

/** How many records to preview: the posted number within 1..PREVIEW_PAGE_MAX, else the default. */
function previewLimit(body: unknown): number {
  const asked = Number.parseInt(formStateOf(body)['limit'] ?? '', 10);
  return Number.isFinite(asked) ? Math.min(Math.max(asked, 1), PREVIEW_PAGE_MAX) : PREVIEW_DEFAULT;
}

const previewSource = ofSource<object>(async (svc, source, req, reply) => {
  const limit = previewLimit(req.body);
  let outcome: PreviewOutcome;
  try {
    outcome = { ok: true, preview: await svc.preview(source.id, limit, probeSignal(reply)) };
  } catch (err) {
    const e = toHubError(err);
    outcome = { ok: false, code: e.code, message: e.message, hint: e.hint };
  }
  return sendPage(reply, sourcePreviewPage(pageContext(req, reply), source, limit, outcome));
});

const showCursor = ofSource<{ Querystring: { done?: string } }>(async (svc, source, req, reply) => {
  const cursor = await svc.cursor(source.id, actorOf(req));
  const flash = flashOf(req.query.done, ['cursorSaved']);
  const model = { source, text: cursorText(cursor), problem: null, flash };
  return sendPage(reply, sourceCursorPage(pageContext(req, reply), model));
});

/** What the page says for a cursor the service refused: a run holds the source, or a bad shape. */
const CURSOR_REFUSALS: Readonly<Record<string, { key: MessageKey; status: number }>> = {
  KNTC_CONFLICT: { key: 'cursorBusy', status: 409 },
  KNTC_BAD_REQUEST: { key: 'cursorBadShape', status: 422 },
};

const saveCursor = ofSource<object>(async (svc, source, req, reply) => {
  const ctx = pageContext(req, reply);
  const text = formStateOf(req.body)['cursor'] ?? '';
  const refuse = (problem: string, status: number) =>
    sendPage(reply, sourceCursorPage(ctx, { source, text, problem, flash: null }), status);
  const parsed = parseCursorText(text, ctx.lang);
  if (!parsed.ok) return refuse(parsed.message, 422);
  try {
    await svc.setCursor(source.id, parsed.cursor, actorOf(req));
  } catch (err) {
    const refusal = err instanceof HubError ? CURSOR_REFUSALS[err.code] : undefined;
    if (refusal === undefined) throw err;
    return refuse(t(ctx.lang, refusal.key), refusal.status);
  }
  return reply.redirect(`${sourcePath(source.id, 'cursor')}?done=cursorSaved`, 303);
});

/** Registers the console routes (all admin only). */
export function consoleRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const admin = { config: { roles: ADMIN_ONLY } };
  const svc = deps.sourcesConsole;
  const wrap =
    <R extends object>(handler: Handler<R>) =>
    async (req: FastifyRequest<R>, reply: FastifyReply): Promise<unknown> =>
      svc === undefined
        ? sendPage(reply, consoleOffPage(pageContext(req, reply)), 503)
        : handler(svc, req, reply);
  app.get('/sources/new', admin, wrap(newSource));
  app.post('/sources', admin, wrap(createSource));
  app.get('/sources/:id/edit', admin, wrap(editSource));
  app.post('/sources/:id', admin, wrap(updateSource));
  app.post('/sources/:id/test', admin, wrap(testSource));
  app.post('/sources/:id/preview', admin, wrap(previewSource));
  app.get('/sources/:id/cursor', admin, wrap(showCursor));
  app.post('/sources/:id/cursor', admin, wrap(saveCursor));
}
