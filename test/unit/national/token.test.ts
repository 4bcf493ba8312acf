import axios from 'axios';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createTokenSource } from '../../../src/national/token.ts';

const BASE = 'http://national.test';

describe('national token cache', () => {
  it('reuses a token until shortly before expiry, then fetches a new one', async () => {
    let clock = 1_000_000;
    nock(BASE)
      .post('/api/v1/auth/token')
      .reply(200, { access_token: 'first', token_type: 'Bearer', expires_in: 300 });
    nock(BASE)
      .post('/api/v1/auth/token')
      .reply(200, { access_token: 'second', token_type: 'Bearer', expires_in: 300 });
    const tokens = createTokenSource(
      axios.create({ baseURL: BASE }),
      { clientId: 'hub', secret: 's' },
      () => clock,
    );
    expect(await tokens.get()).toBe('first');
    clock += 269_000; // 300 s TTL minus the 30 s margin: still usable
    expect(await tokens.get()).toBe('first');
    clock += 2_000;
    expect(await tokens.get()).toBe('second');
  });

  it('fetches a single token for concurrent callers', async () => {
    const scope = nock(BASE)
      .post('/api/v1/auth/token')
      .once()
      .reply(200, { access_token: 'only', token_type: 'Bearer', expires_in: 60 });
    const tokens = createTokenSource(axios.create({ baseURL: BASE }), {
      clientId: 'h',
      secret: 's',
    });
    const got = await Promise.all([tokens.get(), tokens.get(), tokens.get()]);
    expect(got).toEqual(['only', 'only', 'only']);
    expect(scope.isDone()).toBe(true);
  });
});
