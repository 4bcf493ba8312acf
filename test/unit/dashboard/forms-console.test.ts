// The console forms' newer parts: a box clearing a stored secret, one cursor rule for the page and
// the service, and the service's problems said in the page's language.
import { describe, expect, it } from 'vitest';
import { ADAPTER_SCHEMAS } from '../../../adapters/index.ts';
import { parseCursorText } from '../../../src/http/dashboard/forms/cursor-text.ts';
import { draftOf } from '../../../src/http/dashboard/forms/draft-form.ts';
import { configFields } from '../../../src/http/dashboard/forms/form-fields.ts';
import { toFormState } from '../../../src/http/dashboard/forms/form-state.ts';
import { renderConfigForm } from '../../../src/http/dashboard/forms/render-form.ts';
import { PROBLEM_MESSAGES, problemText } from '../../../src/http/dashboard/messages-console.ts';
import { assertCursor } from '../../../src/sources/console-cursor.ts';
import { part, PROBLEM_EN, problemOf } from '../../../src/sources/problem-text.ts';

const sql = configFields(ADAPTER_SCHEMAS['sql'] ?? {});
const byFields = {
  connection: {
    host: 'db.local',
    database: 'don',
    user: 'hub',
    passwordSecretEnv: 'KNTC_SRC_X_CONNECTION_PASSWORD',
    sslmode: 'disable',
  },
};
const PASSWORD_CLEAR = 'clear:config.connection#0.passwordSecretEnv';

function render(
  secretsSet: readonly string[],
  readOnly = false,
  state = toFormState(sql, byFields),
) {
  return renderConfigForm(sql, { lang: 'vi', state, problems: [], secretsSet, readOnly }).value;
}

describe('clearing a stored secret', () => {
  it('offers a clear box only for a secret with a stored value, on an editable form', () => {
    expect(render(['connection.passwordSecretEnv'])).toContain(`name="${PASSWORD_CLEAR}"`);
    expect(render(['connection.passwordSecretEnv'])).toContain('Xóa giá trị đã lưu');
    expect(render([])).not.toContain('data-secret-clear');
    expect(render(['connection.passwordSecretEnv'], true)).not.toContain('data-secret-clear');
  });

  it('puts a ticked box into the draft, and keeps it ticked when the form comes back', () => {
    const state = { ...toFormState(sql, byFields), [PASSWORD_CLEAR]: 'true' };
    const form = draftOf(state, sql, 'sql', 'phuong-a', 'vi');
    expect(form.draft.clearSecrets).toEqual(['connection.passwordSecretEnv']);
    expect(form.draft.secrets).toEqual({});
    expect(render(['connection.passwordSecretEnv'], false, state)).toMatch(
      /name="clear:config\.connection#0\.passwordSecretEnv"\s+value="true"\s+data-secret-clear\s+checked/,
    );
    expect(
      draftOf(toFormState(sql, byFields), sql, 'sql', 'phuong-a', 'vi').draft,
    ).not.toHaveProperty('clearSecrets');
  });
});

describe('one cursor rule for the page and the service', () => {
  const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
  const cases: Record<string, unknown> = {
    ok: { modifiedSince: '2026-01-05T00:00:00Z', afterId: null, page: 3 },
    empty: {},
    tooMany: many,
    fifty: Object.fromEntries(Object.entries(many).slice(0, 50)),
    longText: { after: 'x'.repeat(2001) },
    longKey: { ['k'.repeat(101)]: 1 },
    nested: { a: { b: 1 } },
    boolean: { a: true },
  };
  it('accepts and refuses the same cursors', () => {
    for (const [name, value] of Object.entries(cases)) {
      const page = parseCursorText(JSON.stringify(value), 'en').ok;
      let service = true;
      try {
        assertCursor(value);
      } catch {
        service = false;
      }
      expect(page, name).toBe(service);
    }
    expect(parseCursorText(JSON.stringify(cases['fifty']), 'en').ok).toBe(true);
    expect(parseCursorText(JSON.stringify(cases['tooMany']), 'en').ok).toBe(false);
  });
});

describe('the service problems in the page language', () => {
  const taken = problemOf('id', part('idTaken', { id: 'phuong-a' }));

  it('says a problem in Vietnamese or English from its keys, and keeps other messages', () => {
    expect(problemText('vi', taken)).toBe('Đã có nguồn "phuong-a": hãy chọn mã khác.');
    expect(problemText('en', taken)).toBe(taken.message);
    expect(taken.message).toBe('A source "phuong-a" already exists: choose another id.');
    expect(problemText('vi', { field: 'x', message: 'Hãy nhập một số.' })).toBe('Hãy nhập một số.');
  });

  it('has a Vietnamese text with the same values for every key, and English as the service says it', () => {
    const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, [vi, en]] of Object.entries(PROBLEM_MESSAGES)) {
      expect(en, key).toBe(PROBLEM_EN[key as keyof typeof PROBLEM_EN]);
      expect(placeholders(vi), key).toEqual(placeholders(en));
      if (key !== 'schemaNote') {
        expect(vi, key).not.toBe(en);
        expect(vi, key).toMatch(
          /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i,
        );
      }
    }
  });

  it('shows a field problem in the page language next to its field', () => {
    const problems = [
      problemOf('config.connection.sslmode', part('enum', { values: 'disable, require' })),
    ];
    const state = toFormState(sql, byFields);
    const vi = renderConfigForm(sql, {
      lang: 'vi',
      state,
      problems,
      secretsSet: [],
      readOnly: false,
    });
    const en = renderConfigForm(sql, {
      lang: 'en',
      state,
      problems,
      secretsSet: [],
      readOnly: false,
    });
    expect(vi.value).toContain('Chọn một trong: disable, require.');
    expect(en.value).toContain('Choose one of: disable, require.');
  });
});
