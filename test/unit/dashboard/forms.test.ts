// JSON Schema → HTML form and back, widget by widget, on small synthetic schemas.
import { describe, expect, it } from 'vitest';
import { ADAPTER_SCHEMAS } from '../../../adapters/index.ts';
import { parseCursorText } from '../../../src/http/dashboard/forms/cursor-text.ts';
import { draftOf } from '../../../src/http/dashboard/forms/draft-form.ts';
import { configFields } from '../../../src/http/dashboard/forms/form-fields.ts';
import { formStateOf, toFormState } from '../../../src/http/dashboard/forms/form-state.ts';
import { parseConfigForm } from '../../../src/http/dashboard/forms/parse-form.ts';
import {
  renderConfigForm,
  type FormRenderOptions,
} from '../../../src/http/dashboard/forms/render-form.ts';
import { fieldKind, variantsOf } from '../../../src/http/dashboard/forms/schema-node.ts';
import type { DraftProblem } from '../../../src/sources/console-contract.ts';

const secretEnv = { type: 'string', pattern: '^[A-Z_]+$', writeOnly: true } as const;
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'auth'],
  properties: {
    url: { type: 'string', format: 'uri', description: 'Where the system lives.' },
    pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    ratio: { type: 'number' },
    strict: { type: 'boolean', default: false },
    mode: { enum: ['fast', 'safe'], default: 'safe' },
    patterns: { type: 'array', items: { type: 'string' } },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    sheet: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
    auth: {
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'header', 'secretEnv'],
          properties: { type: { const: 'apiKey' }, header: { type: 'string' }, secretEnv },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'username', 'secretEnv'],
          properties: { type: { const: 'basic' }, username: { type: 'string' }, secretEnv },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['type'],
          properties: { type: { const: 'none' } },
        },
      ],
    },
    nested: {
      type: 'object',
      additionalProperties: false,
      properties: { tokenSecretEnv: secretEnv, label: { type: 'string' } },
    },
  },
} as const;

const root = configFields(SCHEMA);

function render(over: Partial<FormRenderOptions> = {}): string {
  return renderConfigForm(root, {
    lang: 'vi',
    state: {},
    problems: [],
    secretsSet: [],
    readOnly: false,
    ...over,
  }).value;
}

/** The opening tag of the control named `name`. */
function control(page: string, name: string): string {
  const tag = new RegExp(
    `<(input|select|textarea)\\b[^>]*\\bname="${name.replace(/[.#:]/g, '\\$&')}"[^>]*>`,
  );
  const hit = tag.exec(page);
  if (hit === null) throw new Error(`no control ${name}`);
  return hit[0];
}

describe('widget per schema node', () => {
  it('classifies nodes', () => {
    const p = SCHEMA.properties;
    expect(fieldKind(p.url)).toBe('string');
    expect(fieldKind(p.pageSize)).toBe('integer');
    expect(fieldKind(p.strict)).toBe('boolean');
    expect(fieldKind(p.mode)).toBe('enum');
    expect(fieldKind(p.patterns)).toBe('lines');
    expect(fieldKind(p.headers)).toBe('json');
    expect(fieldKind(p.sheet)).toBe('scalar-union');
    expect(fieldKind(p.auth)).toBe('variants');
    expect(fieldKind(p.nested)).toBe('object');
    expect(fieldKind({ type: 'array', items: { type: 'object' } })).toBe('json');
    expect(fieldKind({ const: 'x' })).toBe('const');
  });

  it('draws inputs with range, format, default and description as help', () => {
    const page = render();
    expect(control(page, 'config.url')).toContain('type="url"');
    expect(control(page, 'config.url')).toContain('required');
    const size = control(page, 'config.pageSize');
    expect(size).toMatch(/type="number"[\s\S]*min="1"[\s\S]*max="500"[\s\S]*step="1"/);
    expect(size).toContain('placeholder="100"');
    expect(control(page, 'config.ratio')).toContain('step="any"');
    expect(control(page, 'config.strict')).toContain('type="checkbox"');
    expect(control(page, 'config.patterns')).toMatch(/^<textarea/);
    expect(page).toContain('Where the system lives.');
    expect(page).toContain('mặc định: safe');
    expect(page).toContain('định dạng: uri');
    expect(page).toContain('mỗi dòng một giá trị');
    expect(page).toMatch(/<fieldset class="obj" data-field="config.nested">/);
  });

  it('draws a variant select and every variant, the chosen one marked, without required inside', () => {
    const page = render({ state: { 'config.auth#': 'basic' } });
    expect(control(page, 'config.auth#')).toContain('data-variant-select');
    expect(page).toMatch(/<option value="basic"\s+selected/);
    for (const v of ['apiKey', 'basic', 'none']) expect(page).toContain(`data-variant="${v}"`);
    expect(page).toMatch(/data-variant="basic"\s+data-chosen/);
    expect(control(page, 'config.auth#apiKey.header')).not.toContain('required');
  });

  it('escapes values in inputs and text areas', () => {
    const evil = '"><script>alert(1)</script>';
    const page = render({ state: { 'config.url': evil, 'config.headers': evil } });
    expect(page).not.toContain('<script>alert');
    expect(control(page, 'config.url')).toContain('value="&quot;&gt;&lt;script&gt;');
  });

  it('keeps text-area content exactly (leading newline included)', () => {
    const text = '\n{\n  "a": "b"\n}';
    const page = render({ state: { 'config.headers': text } });
    expect(page).toContain(`>\n${text.replace(/"/g, '&quot;')}</textarea>`);
  });
});

describe('secrets', () => {
  it('are password inputs, never filled, with "kept" when stored', () => {
    const state = { 'config.auth#': 'apiKey', 'config.auth#apiKey.secretEnv': 'STORED_NAME' };
    const page = render({ state, secretsSet: ['auth.secretEnv', 'nested.tokenSecretEnv'] });
    const input = control(page, 'secret:config.auth#apiKey.secretEnv');
    expect(input).toContain('type="password"');
    expect(input).toContain('value=""');
    expect(input).toContain('đã lưu — để trống để giữ nguyên');
    expect(control(page, 'secret:config.auth#basic.secretEnv')).not.toContain('đã lưu');
    expect(control(page, 'secret:config.nested.tokenSecretEnv')).toContain('đã lưu');
    expect(page).not.toContain('STORED_NAME');
  });

  it('go to secrets by config path, from the chosen variant only; empty keeps the stored one', () => {
    const parsed = parseConfigForm(
      root,
      {
        'config.url': 'http://127.0.0.1:1',
        'config.auth#': 'basic',
        'config.auth#basic.username': 'hub',
        'secret:config.auth#basic.secretEnv': 's3cret value',
        'secret:config.auth#apiKey.secretEnv': 'ignored',
        'secret:config.nested.tokenSecretEnv': '',
        'config.auth#basic.secretEnv': 'FORGED_NAME',
      },
      'vi',
    );
    expect(parsed.secrets).toEqual({ 'auth.secretEnv': 's3cret value' });
    expect(parsed.config).toEqual({
      url: 'http://127.0.0.1:1',
      auth: { type: 'basic', username: 'hub' },
    });
  });
});

describe('form body → config', () => {
  it('reads numbers, booleans, enums, lines, JSON and a number-or-name union', () => {
    const parsed = parseConfigForm(
      root,
      formStateOf({
        'config.url': '  http://x.example/  ',
        'config.pageSize': '250',
        'config.ratio': '0.5',
        'config.strict': 'true',
        'config.mode': 'fast',
        'config.patterns': '*.csv\r\n\r\n  *.xlsx \n',
        'config.headers': '{"X-A": "1"}',
        'config.sheet': '3',
        'config.auth#': 'none',
        'config.nested.label': ['first', 'last'],
      }),
      'vi',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.config).toEqual({
      url: 'http://x.example/',
      pageSize: 250,
      ratio: 0.5,
      strict: true,
      mode: 'fast',
      patterns: ['*.csv', '*.xlsx'],
      headers: { 'X-A': '1' },
      sheet: 3,
      auth: { type: 'none' },
      nested: { label: 'last' },
    });
    const named = parseConfigForm(root, { 'config.sheet': 'Sổ đơn' }, 'vi');
    expect(named.config['sheet']).toBe('Sổ đơn');
  });

  it('leaves empty inputs out so defaults apply', () => {
    const parsed = parseConfigForm(root, { 'config.pageSize': '', 'config.mode': '' }, 'vi');
    expect(parsed.config).toEqual({});
  });

  it('reports unreadable values on their fields without echoing them', () => {
    const parsed = parseConfigForm(
      root,
      {
        'config.pageSize': '2.5',
        'config.ratio': 'abc',
        'config.mode': 'turbo',
        'config.headers': '{\n  "a": 1,\n  secret-ish\n}',
        'config.auth#': 'kerberos',
      },
      'vi',
    );
    const byField = Object.fromEntries(parsed.problems.map((p) => [p.field, p.message]));
    expect(byField['config.pageSize']).toBe('Hãy nhập một số nguyên.');
    expect(byField['config.ratio']).toBe('Hãy nhập một số.');
    expect(byField['config.mode']).toBe('Hãy chọn một giá trị trong danh sách.');
    expect(byField['config.headers']).toMatch(/JSON không hợp lệ.*dòng 3, cột 3/);
    expect(byField['config.auth']).toBe('Hãy chọn một giá trị trong danh sách.');
    expect(JSON.stringify(parsed.problems)).not.toContain('secret-ish');
  });

  it('writes an explicit false only where the default is not false', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'boolean', default: true }, b: { type: 'boolean' } },
      required: ['b'],
    };
    expect(parseConfigForm(configFields(schema), {}, 'en').config).toEqual({ a: false, b: false });
  });
});

describe('problems next to fields', () => {
  const problems: DraftProblem[] = [
    { field: 'config.url', message: 'Enter an http(s) address.' },
    { field: 'config.auth.header', message: 'Required: the header name.' },
    { field: 'config.auth.type', message: 'Choose one of: apiKey, basic, none.' },
    { field: 'config.patterns.1', message: 'No slashes in a file pattern.' },
  ];

  function blockOf(page: string, field: string, variant = ''): string {
    const start = page.indexOf(`${variant}data-field="${field}"`);
    expect(start, field).toBeGreaterThan(-1);
    return page.slice(start, page.indexOf('</div>', start));
  }

  it('shows each problem on its field, in the chosen variant only', () => {
    const page = render({ problems, state: { 'config.auth#': 'apiKey' } });
    expect(blockOf(page, 'config.url')).toContain('Enter an http(s) address.');
    expect(blockOf(page, 'config.patterns')).toContain('No slashes in a file pattern.');
    expect(page.split('Required: the header name.')).toHaveLength(2);
    const chosen = page.slice(page.indexOf('data-variant="apiKey"'));
    expect(chosen.indexOf('Required: the header name.')).toBeLessThan(
      chosen.indexOf('data-variant="basic"'),
    );
    const select = page.indexOf('name="config.auth#"');
    expect(page.indexOf('Choose one of: apiKey, basic, none.')).toBeGreaterThan(select);
    expect(control(page, 'config.url')).toContain('aria-describedby="f-config_2eurl-err0"');
  });
});

describe('variants without a discriminator (sql connection)', () => {
  const sql = ADAPTER_SCHEMAS['sql'] as Record<string, unknown>;
  const connection = (sql['properties'] as Record<string, Record<string, unknown>>)['connection'];

  it('labels each variant by what it requires and picks it by the keys a config uses', () => {
    const variants = variantsOf(connection ?? {});
    expect(variants.map((v) => v.key)).toEqual(['0', '1']);
    expect(variants.map((v) => v.label)).toEqual(['host, database, user', 'urlSecretEnv']);
    const fields = configFields(sql);
    const state = toFormState(fields, { connection: { urlSecretEnv: 'X', sslmode: 'disable' } });
    expect(state['config.connection#']).toBe('1');
    const parsed = parseConfigForm(
      fields,
      { ...state, 'secret:config.connection#1.urlSecretEnv': 'postgres://u:p@h/db' },
      'vi',
    );
    expect(parsed.config['connection']).toEqual({ sslmode: 'disable' });
    expect(parsed.secrets).toEqual({ 'connection.urlSecretEnv': 'postgres://u:p@h/db' });
  });
});

describe('the source form around the config', () => {
  it('reads the general fields and the config into a draft', () => {
    const form = draftOf(
      {
        id: ' xa-a ',
        name: 'Xã A',
        mapping: 'mappings/commune-export.yaml',
        schedule: '',
        'config.url': 'http://127.0.0.1:1',
        'config.auth#': 'none',
      },
      root,
      'test-kind',
      null,
      'vi',
    );
    expect(form.draft).toEqual({
      id: 'xa-a',
      name: 'Xã A',
      mapping: 'mappings/commune-export.yaml',
      schedule: null,
      enabled: false,
      adapter: 'test-kind',
      config: { url: 'http://127.0.0.1:1', auth: { type: 'none' } },
      secrets: {},
    });
    expect(draftOf({ id: 'forged', enabled: 'true' }, root, 'k', 'real', 'en').draft).toMatchObject(
      { id: 'real', enabled: true },
    );
  });
});

describe('cursor box', () => {
  it('reads an object of strings, numbers and nulls, or nothing for the beginning', () => {
    expect(
      parseCursorText(' {"modifiedSince":"2026-01-05T00:00:00Z","afterId":null} ', 'vi'),
    ).toEqual({ ok: true, cursor: { modifiedSince: '2026-01-05T00:00:00Z', afterId: null } });
    expect(parseCursorText('', 'vi')).toEqual({ ok: true, cursor: null });
    expect(parseCursorText('null', 'vi')).toEqual({ ok: true, cursor: null });
  });

  it('refuses anything else', () => {
    for (const bad of ['{', '[1]', '"x"', '{}', '{"a":{"b":1}}', '{"a":true}']) {
      const r = parseCursorText(bad, 'en');
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).toContain('The cursor must be a JSON object');
    }
  });
});
