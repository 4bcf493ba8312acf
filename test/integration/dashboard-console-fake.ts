// An in-memory SourcesConsole for the console routes' tests: the real adapters' schemas, a few
// checks that yield DraftProblems (the version conflict said by message keys, like the real
// service), an optimistic lock, a config-file source, secrets kept apart from the views, a
// record of every call with its actor and of the last draft, and a cursor refusal to steer.
import type { FastifyInstance } from 'fastify';
import type { Cursor } from '../../adapters/contract.ts';
import { ADAPTERS } from '../../adapters/index.ts';
import type {
  ConsoleActor,
  ConsoleSourceView,
  DraftProblem,
  SaveResult,
  SourceDraft,
  SourcesConsole,
} from '../../src/sources/console-contract.ts';
import { HubError } from '../../src/lib/errors.ts';
import { part, problemOf } from '../../src/sources/problem-text.ts';
import type { MappingPreview } from '../../src/workflow/preview-mapping.ts';
import type { SourceTestReport } from '../../src/workflow/test-source.ts';

/** One recorded call. */
export interface FakeCall {
  readonly method: string;
  readonly id: string | null;
  readonly actor: ConsoleActor | null;
}

const FILE_SOURCE: ConsoleSourceView = {
  id: 'quynhon-web',
  name: 'Quy Nhơn (web)',
  adapter: 'rest-json',
  mapping: 'mappings/quynhon-web.yaml',
  schedule: '*/15 * * * *',
  enabled: true,
  origin: 'config-file',
  config: {
    baseUrl: 'http://127.0.0.1:4101',
    checkPath: '/api/v1/ping',
    listPath: '/api/v1/don-thu',
    auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'QUYNHON_API_KEY' },
    params: { page: 'trang', pageSize: 'soBanGhi', modifiedSince: 'capNhatTu' },
    response: { items: 'duLieu' },
    record: { id: 'maDon', modified: 'ngayCapNhat' },
  },
  secretsSet: ['auth.secretEnv'],
  version: 0,
  updatedAt: null,
  updatedBy: null,
};

function problemsOf(draft: SourceDraft, secretsKnown: boolean): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(draft.id)) {
    out.push({ field: 'id', message: 'Use lower-case letters, digits and hyphens.' });
  }
  if (draft.name === '') out.push({ field: 'name', message: 'Required: a display name.' });
  if (!draft.mapping.startsWith('mappings/')) {
    out.push({ field: 'mapping', message: 'Choose a mapping file.' });
  }
  const base = draft.config['baseUrl'];
  if (draft.adapter === 'rest-json' && (typeof base !== 'string' || !/^https?:\/\//.test(base))) {
    out.push({ field: 'config.baseUrl', message: 'Enter an address starting with http://.' });
  }
  const auth = draft.config['auth'] as Record<string, unknown> | undefined;
  if (
    auth?.['type'] === 'apiKey' &&
    !secretsKnown &&
    draft.secrets['auth.secretEnv'] === undefined
  ) {
    out.push({ field: 'config.auth.secretEnv', message: 'Required: enter the API key.' });
  }
  return out;
}

/** The fake service; tests read and steer its public fields. */
export class FakeSourcesConsole implements SourcesConsole {
  readonly calls: FakeCall[] = [];
  readonly views = new Map<string, ConsoleSourceView>([[FILE_SOURCE.id, FILE_SOURCE]]);
  /** Stored secret values by "<id> <path>" (never in a view). */
  readonly secrets = new Map<string, string>();
  readonly cursors = new Map<string, Cursor | null>();
  testReport: SourceTestReport | null = null;
  previewResult: MappingPreview | Error | null = null;
  /** The draft of the last create or update. */
  lastDraft: SourceDraft | null = null;
  /** The HubError code setCursor throws (a run holds the source, a bad shape), or null. */
  cursorRefusal: 'KNTC_CONFLICT' | 'KNTC_BAD_REQUEST' | null = null;

  #note(method: string, id: string | null, actor: ConsoleActor | null = null): void {
    this.calls.push({ method, id, actor });
  }

  adapterKinds() {
    return Object.values(ADAPTERS).map((a) => ({ kind: a.kind, configSchema: a.configSchema }));
  }

  mappingFiles(): Promise<readonly string[]> {
    return Promise.resolve(['mappings/commune-export.yaml', 'mappings/quynhon-web.yaml']);
  }

  get(id: string): Promise<ConsoleSourceView | null> {
    return Promise.resolve(this.views.get(id) ?? null);
  }

  list(): Promise<readonly ConsoleSourceView[]> {
    return Promise.resolve([...this.views.values()]);
  }

  #save(draft: SourceDraft, version: number): ConsoleSourceView {
    for (const [path, value] of Object.entries(draft.secrets)) {
      this.secrets.set(`${draft.id} ${path}`, value);
    }
    const config = structuredClone(draft.config) as Record<string, unknown>;
    const auth = config['auth'] as Record<string, unknown> | undefined;
    if (auth !== undefined && auth['type'] !== 'none') auth['secretEnv'] = 'KNTC_SRC_X_AUTH';
    const secretsSet = [...this.secrets.keys()]
      .filter((k) => k.startsWith(`${draft.id} `))
      .map((k) => k.slice(draft.id.length + 1));
    const view: ConsoleSourceView = {
      ...draft,
      config,
      origin: 'console',
      secretsSet,
      version,
      updatedAt: '2026-02-03T04:05:06.000Z',
      updatedBy: 'admin',
    };
    this.views.set(draft.id, view);
    return view;
  }

  create(draft: SourceDraft, actor: ConsoleActor): Promise<SaveResult> {
    this.#note('create', draft.id, actor);
    this.lastDraft = draft;
    const problems = problemsOf(draft, false);
    if (this.views.has(draft.id)) problems.push({ field: 'id', message: 'That id exists.' });
    if (problems.length > 0) return Promise.resolve({ ok: false, problems });
    return Promise.resolve({ ok: true, source: this.#save(draft, 1) });
  }

  update(
    id: string,
    draft: SourceDraft,
    expected: number,
    actor: ConsoleActor,
  ): Promise<SaveResult> {
    this.#note('update', id, actor);
    this.lastDraft = draft;
    const before = this.views.get(id);
    if (before === undefined) throw new Error(`no source ${id}`);
    if (before.origin === 'config-file') {
      return Promise.resolve({ ok: false, problems: [{ field: 'id', message: 'config file' }] });
    }
    if (before.version !== expected) {
      const stale = part('stale', { current: before.version, expected });
      return Promise.resolve({ ok: false, problems: [problemOf('id', stale)] });
    }
    const problems = problemsOf(draft, before.secretsSet.includes('auth.secretEnv'));
    if (problems.length > 0) return Promise.resolve({ ok: false, problems });
    return Promise.resolve({ ok: true, source: this.#save({ ...draft, id }, expected + 1) });
  }

  test(id: string): Promise<SourceTestReport> {
    this.#note('test', id);
    if (this.testReport === null) throw new Error('testReport not set');
    return Promise.resolve({ ...this.testReport, sourceId: id });
  }

  preview(id: string, limit: number): Promise<MappingPreview> {
    this.#note(`preview:${limit}`, id);
    const r = this.previewResult;
    if (r === null) throw new Error('previewResult not set');
    return r instanceof Error ? Promise.reject(r) : Promise.resolve(r);
  }

  cursor(id: string, actor: ConsoleActor): Promise<Cursor | null> {
    this.#note('cursor', id, actor);
    return Promise.resolve(this.cursors.get(id) ?? null);
  }

  setCursor(id: string, cursor: Cursor | null, actor: ConsoleActor): Promise<void> {
    this.#note('setCursor', id, actor);
    if (this.cursorRefusal !== null)
      return Promise.reject(new HubError(this.cursorRefusal, 'refused by the fake service'));
    this.cursors.set(id, cursor);
    return Promise.resolve();
  }
}

/** Admin requests to the console pages, keeping every answer's body for leak checks. */
export class ConsolePages {
  readonly bodies: string[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly session: { cookie: string; csrf: string },
  ) {}

  /** GET as HTML (another session's cookie may be given). */
  async get(url: string, cookie = this.session.cookie) {
    const res = await this.app.inject({ url, headers: { cookie, accept: 'text/html' } });
    this.bodies.push(res.body);
    return res;
  }

  /** POST a form; `csrf` null leaves the token out. */
  async post(url: string, form: Record<string, string>, csrf: string | null = this.session.csrf) {
    const token = csrf === null ? {} : { _csrf: csrf };
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: this.session.cookie,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ ...form, ...token }).toString(),
    });
    this.bodies.push(res.body);
    return res;
  }
}

/** A console source as the fake stores it, for tests that start from an existing one. */
export function consoleView(id: string): ConsoleSourceView {
  return {
    ...FILE_SOURCE,
    id,
    name: `Nguồn ${id}`,
    origin: 'console',
    version: 1,
    config: { ...FILE_SOURCE.config, auth: { type: 'none' } },
    secretsSet: [],
  };
}
