import { describe, expect, it } from 'vitest';
import { normaliseServerUrl, TeamClient } from '../../src/platform/team/team-client';

describe('the team server address', () => {
  it('takes https anywhere and plain http only on this machine, as an origin without path or credentials', () => {
    expect(normaliseServerUrl(' https://team.example.com/ ')).toBe('https://team.example.com');
    expect(normaliseServerUrl('https://team.example.com:8443')).toBe('https://team.example.com:8443');
    expect(normaliseServerUrl('http://127.0.0.1:7787')).toBe('http://127.0.0.1:7787');
    expect(normaliseServerUrl('http://localhost:7787')).toBe('http://localhost:7787');
    for (const bad of ['http://team.example.com', 'ftp://team.example.com', 'https://user:pw@team.example.com', 'https://team.example.com/v1', 'https://team.example.com/?x=1', 'team.example.com', '']) {
      let caught: unknown;
      try {
        normaliseServerUrl(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught, bad).toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it('sends every request to the configured server only, and follows no redirect', async () => {
    const seen: { url: string; redirect: RequestInit['redirect'] }[] = [];
    const client = new TeamClient('https://team.example.com', (url, init) => {
      seen.push({ url, redirect: init.redirect });
      return Promise.resolve(new Response(JSON.stringify({ shares: [], withdrawnShareIds: [], cursor: 'c1.x.y', more: false }), { status: 200 }));
    });
    await client.inbox('t'.repeat(43));
    await client.inbox('t'.repeat(43), 'c1.a+b/c=.d', 50);
    await expect(client.shareDetail('t'.repeat(43), '../../evil.example/x')).rejects.toMatchObject({ code: 'INTEGRITY' });
    expect(seen.map((s) => s.url)).toEqual([
      'https://team.example.com/v1/inbox',
      'https://team.example.com/v1/inbox?cursor=c1.a%2Bb%2Fc%3D.d&limit=50',
      'https://team.example.com/v1/shares/..%2F..%2Fevil.example%2Fx',
    ]);
    expect(seen.every((s) => s.redirect === 'error')).toBe(true);
  });

  it('turns a server error into its code, and an unreachable server into one worth retrying', async () => {
    const refusing = new TeamClient('https://team.example.com', () => Promise.resolve(new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'no' } }), { status: 403 })));
    await expect(refusing.inbox('t'.repeat(43))).rejects.toMatchObject({ code: 'POLICY_BLOCKED', detail: 'forbidden', serverCode: 'FORBIDDEN' });
    const down = new TeamClient('https://team.example.com', () => Promise.reject(new TypeError('fetch failed')));
    await expect(down.inbox('t'.repeat(43))).rejects.toMatchObject({ code: 'SETUP_INCOMPLETE', detail: 'server-unreachable' });
  });
});
