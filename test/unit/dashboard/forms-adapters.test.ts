// The generated config forms of the four real adapters: every schema renders, and every config
// of the demo deployment (one per adapter) plus configs in the other variants comes back from
// its own form unchanged — except secret fields, which a form never carries (their values go to
// SourceDraft.secrets).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ADAPTER_SCHEMAS } from '../../../adapters/index.ts';
import { configFields, type FormField } from '../../../src/http/dashboard/forms/form-fields.ts';
import { toFormState } from '../../../src/http/dashboard/forms/form-state.ts';
import { parseConfigForm } from '../../../src/http/dashboard/forms/parse-form.ts';
import { renderConfigForm } from '../../../src/http/dashboard/forms/render-form.ts';
import { isSecretKey } from '../../../adapters/shared/secrets.ts';

type Obj = Record<string, unknown>;

function schemaOf(kind: string): Obj {
  const schema = ADAPTER_SCHEMAS[kind] as Obj | undefined;
  if (schema === undefined) throw new Error(`no adapter ${kind}`);
  return schema;
}

/** The config without its secret fields (what a form round-trip keeps). */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !isSecretKey(k))
      .map(([k, v]) => [k, withoutSecrets(v)]),
  );
}

/** Every secret field of a form's tree, in all variants. */
function secretFields(root: FormField): readonly FormField[] {
  const nested = [...root.children, ...root.variants.flatMap((v) => v.children)];
  return [...(root.secret ? [root] : []), ...nested.flatMap(secretFields)];
}

function roundTrip(kind: string, config: Obj) {
  const root = configFields(schemaOf(kind));
  const state = toFormState(root, config);
  return { root, state, parsed: parseConfigForm(root, state, 'vi') };
}

const demo = parseYaml(readFileSync('config/demo.yaml', 'utf8')) as {
  sources: { id: string; adapter: string; config: Obj }[];
};

const MORE: readonly { kind: string; config: Obj }[] = [
  {
    kind: 'rest-json',
    config: {
      baseUrl: 'https://dongthap.example.vn',
      checkPath: '/ping',
      listPath: '/don',
      auth: { type: 'basic', username: 'hub', secretEnv: 'DT_PASSWORD' },
      params: { page: 'p', pageSize: 'n', modifiedSince: 'since' },
      response: { items: 'data.items' },
      record: { id: 'id', modified: 'updated' },
      timeoutMs: 5000,
    },
  },
  {
    kind: 'rest-json',
    config: {
      baseUrl: 'http://127.0.0.1:9',
      checkPath: '/',
      listPath: '/x',
      auth: { type: 'none' },
      params: { page: 'p', pageSize: 'n', modifiedSince: 's', afterId: 'a' },
      response: { items: 'items', totalPages: 'pages' },
      record: { id: 'id', modified: 'm' },
    },
  },
  {
    kind: 'sql',
    config: {
      connection: {
        host: 'db.huyen.local',
        port: 5433,
        database: 'vanban',
        user: 'hub_reader',
        passwordSecretEnv: 'HUYEN_DB_PASSWORD',
        sslmode: 'verify-full',
        connectTimeoutMs: 3000,
      },
      query: 'SELECT so_don, ngay_cap_nhat\nFROM don_thu\nWHERE NOT da_xoa',
      watermark: { column: 'ngay_cap_nhat', type: 'timestamp' },
      key: { column: 'so_don', type: 'bigint' },
      timeZone: 'Asia/Ho_Chi_Minh',
      lookback: 30,
    },
  },
  {
    kind: 'file-drop',
    config: {
      inbox: '/srv/kntc/xa-a/inbox',
      processedDir: '/srv/kntc/xa-a/done',
      patterns: ['*.csv', 'so-don-*.xlsx'],
      csv: { delimiter: '\t', headerRow: 3, encoding: 'tcvn3' },
      xlsx: { sheet: 'Sổ đơn', headerRow: 2, dates: 'iso' },
      headerKeys: 'verbatim',
      idColumns: ['Số đơn', 'Năm'],
      minAgeSeconds: 0,
    },
  },
  {
    kind: 'file-drop',
    config: { inbox: 'data/inbox', xlsx: { sheet: 2 } },
  },
  {
    kind: 'soap-xml',
    config: {
      endpoint: 'http://127.0.0.1:4102/don.xml',
      protocol: 'xml-get',
      query: { tuNgay: '{{modifiedSince}}', trang: '{{page}}' },
      keyset: true,
      auth: { type: 'basic', username: 'kntc', secretEnv: 'HN_PASSWORD' },
      records: 'DanhSach.Don',
      record: { id: 'SoDon', modified: 'NgayCapNhat' },
    },
  },
];

describe('config forms of the real adapters', () => {
  it('has a config of every adapter kind to try', () => {
    const kinds = new Set([...demo.sources.map((s) => s.adapter), ...MORE.map((m) => m.kind)]);
    expect([...kinds].sort()).toEqual(Object.keys(ADAPTER_SCHEMAS).sort());
  });

  for (const kind of Object.keys(ADAPTER_SCHEMAS)) {
    it(`renders the ${kind} form with every top-level property and secrets as passwords`, () => {
      const root = configFields(schemaOf(kind));
      const page = renderConfigForm(root, {
        lang: 'vi',
        state: {},
        problems: [],
        secretsSet: [],
        readOnly: false,
      }).value;
      for (const field of root.children) {
        expect(page, field.key).toContain(`data-field="config.${field.path}"`);
      }
      for (const secret of secretFields(root)) {
        expect(page).toMatch(
          new RegExp(
            `<input\\s+type="password"[^>]*name="secret:${secret.name.replace(/[.#]/g, '\\$&')}"`,
          ),
        );
      }
      expect(page.length).toBeLessThan(100_000);
    });
  }

  for (const source of demo.sources) {
    it(`round-trips the demo source ${source.id} (${source.adapter})`, () => {
      const { parsed } = roundTrip(source.adapter, source.config);
      expect(parsed.problems).toEqual([]);
      expect(parsed.config).toEqual(withoutSecrets(source.config));
      expect(parsed.secrets).toEqual({});
    });
  }

  MORE.forEach(({ kind, config }, i) => {
    it(`round-trips ${kind} config #${i + 1}`, () => {
      const { parsed } = roundTrip(kind, config);
      expect(parsed.problems).toEqual([]);
      expect(parsed.config).toEqual(withoutSecrets(config));
    });
  });

  it('never puts a stored secret name into an editable form, and says the secret is kept', () => {
    const config = demo.sources.find((s) => s.adapter === 'rest-json')?.config ?? {};
    const root = configFields(schemaOf('rest-json'));
    const state = toFormState(root, config);
    expect(Object.values(state)).toContain('QUYNHON_API_KEY');
    const page = renderConfigForm(root, {
      lang: 'vi',
      state,
      problems: [],
      secretsSet: ['auth.secretEnv'],
      readOnly: false,
    }).value;
    expect(page).not.toContain('QUYNHON_API_KEY');
    expect(page).toContain('placeholder="đã lưu — để trống để giữ nguyên"');
    const readOnly = renderConfigForm(root, {
      lang: 'vi',
      state,
      problems: [],
      secretsSet: ['auth.secretEnv'],
      readOnly: true,
    }).value;
    // Read-only (config-file) views show the variable's NAME, never a value, and no inputs posted.
    expect(readOnly).toContain('value="QUYNHON_API_KEY"');
    expect(readOnly).not.toMatch(/<input(?![^>]*disabled)[^>]*name="config/);
  });
});
