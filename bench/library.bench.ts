// Library benchmark (issue #13): the first render of a library of 10,000 recordings in Debian's
// Chromium through the real browser host (the built renderer, the real vault), against the same
// measurement on a library of 100 in the same run. Measured in the page: from the click that
// mounts the library (back from a call's page, the rows already read) to the frame after the list
// is in the DOM; and the `library.list` round trip as the page sees it.
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OpenVault } from '../src/app/vault/open-vault';
import { createCrypto } from '../src/platform/crypto/sodium-crypto';
import { TEST_KDF_ENV } from '../src/platform/crypto/passphrase-kdf';
import { openEncryptedDatabase } from '../src/platform/db/connection';
import { createRecordingWriter } from '../src/platform/db/recording-repo';
import { ProfileStore } from '../src/platform/vault/profile-store';
import { unwrapMasterKey } from '../src/platform/vault/vault-keys';
import { launchChromium } from '../tests/helpers/browser';
import { startHostProcess } from '../tests/helpers/browser-host-process';
import { median, report, round } from './bench-util';

// The KDF is not what is measured: vaults use the weak test profile (the host inherits this).
process.env[TEST_KDF_ENV] = 'weak';
const PASSPHRASE = 'granite ocelot lantern mosaic 42';
const root = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const work = fs.mkdtempSync(path.join(root, 'callvault-library-bench-'));
const crypto = await createCrypto();

/** A vault with `n` recordings (half transcribed, a quarter of those reviewed) and n/20 declined calls. */
async function seed(home: string, n: number): Promise<void> {
  const profile = new ProfileStore(home).create('Bench');
  const { vault } = await OpenVault.create(profile, PASSPHRASE, { crypto, now: () => new Date(), kdfProfile: 'test-weak' });
  vault.close();
  const { masterKey } = await unwrapMasterKey(profile.vaultDir, { kind: 'passphrase', passphrase: PASSPHRASE }, crypto);
  const db = openEncryptedDatabase(path.join(profile.vaultDir, 'vault.db'), crypto.deriveSubkey(masterKey, { kind: 'database' }), { create: false });
  const writer = createRecordingWriter(db);
  const transcript = db.prepare("INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments) VALUES (?, 1, 'machine', ?, 'Bench', 'bench', 'en', '[]')");
  const job = db.prepare("INSERT INTO transcription_jobs (recording_id, state, seq, percent, model, language, queued_at, updated_at) VALUES (?, 'done', ?, 100, 'bench', 'en', ?, ?)");
  const review = db.prepare("INSERT INTO transcript_redactions (recording_id, version, reviewed_at, reviewed_by, policy_hash, detector, redactions) VALUES (?, 1, ?, 'Bench', 'p', 'd', '{}')");
  const call = db.prepare(
    "INSERT INTO calls (id, call_type, account, meeting_title, participants, policy_hash, script_id, script_version, consent_scope, state, created_at) VALUES (?, 'discovery', ?, ?, '[]', 'p', 's', 1, 'customer-side', 'declined', ?)",
  );
  const types = ['discovery', 'demo', 'renewal', 'customer-sales', 'coaching'];
  db.transaction(() => {
    for (let i = 0; i < n; i += 1) {
      const id = randomUUID();
      const startedAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      writer.insert({ id, title: `Call ${i} with Account ${i % 700}`, callType: types[i % types.length]!, startedAt, durationMs: 60_000 * (5 + (i % 90)), status: 'complete', keyEpoch: 0, wrappedKey: crypto.randomBytes(73), createdAt: startedAt, policyHash: 'bench', callId: null, recoveredAtMs: null, chunkCount: null });
      if (i % 2 === 0) {
        transcript.run(id, startedAt);
        job.run(id, i, startedAt, startedAt);
        if (i % 8 === 0) {
          review.run(id, startedAt);
        }
      }
      if (i % 20 === 0) {
        call.run(randomUUID(), `Account ${i % 700}`, `Declined call ${i}`, startedAt);
      }
    }
  })();
  db.close();
  crypto.wipe(masterKey);
}

async function measure(n: number) {
  const home = path.join(work, `home-${n}`);
  await seed(home, n);
  const rows = n + Math.ceil(n / 20);
  const [browser, host] = await Promise.all([launchChromium(), startHostProcess(home)]);
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(host.url);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.locator(`[data-testid="library-list"][data-rows="${rows}"]`).waitFor({ timeout: 120_000 });
    const renders: number[] = [];
    const queries: number[] = [];
    const firstPages: number[] = [];
    const allPages: number[] = [];
    const slowestPages: number[] = [];
    let rendered = 0;
    for (let run = 0; run < 6; run += 1) {
      await page.locator('[data-testid^="open-call-"]').first().click();
      await page.getByRole('button', { name: 'Back to the library' }).waitFor();
      // Times, in the page, the click that mounts the library to the frame after its list is in the DOM.
      const result = await page.evaluate(`new Promise((resolve) => {
        const back = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Back to the library'));
        const start = performance.now();
        const done = () => requestAnimationFrame(() => setTimeout(() => {
          const list = document.querySelector('[data-testid="library-list"]');
          resolve({ ms: performance.now() - start, rendered: Number(list.getAttribute('data-rendered')) });
        }, 0));
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="library-list"]')) { observer.disconnect(); done(); }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        back.click();
      })`);
      const { ms, rendered: count } = result as { ms: number; rendered: number };
      renders.push(ms);
      rendered = count;
      const query = await page.evaluate(`(async () => { const t = performance.now(); const r = await window.callvault['library.list']({}); if (!r.ok) throw new Error(r.error.message); return { ms: performance.now() - t, rows: r.value.length }; })()`);
      queries.push((query as { ms: number }).ms);
      // What the library reads first now (use-library-entries.ts): the newest page, then the rest.
      const paged = await page.evaluate(`(async () => {
        const t = performance.now();
        const first = await window.callvault['library.list']({ limit: 300 });
        if (!first.ok) throw new Error(first.error.message);
        const firstMs = performance.now() - t;
        let rows = first.value.length, before = first.value.at(-1).startedAt, slowest = firstMs;
        for (;;) {
          const s = performance.now();
          const r = await window.callvault['library.list']({ before, limit: 2000 });
          if (!r.ok) throw new Error(r.error.message);
          slowest = Math.max(slowest, performance.now() - s);
          rows += r.value.length;
          if (r.value.length < 2000) break;
          before = r.value.at(-1).startedAt;
        }
        return { firstMs, allMs: performance.now() - t, slowest, rows };
      })()`);
      firstPages.push((paged as { firstMs: number }).firstMs);
      allPages.push((paged as { allMs: number }).allMs);
      slowestPages.push((paged as { slowest: number }).slowest);
    }
    return { rows, firstRenderMsMedian: median(renders.slice(1)), firstRenderMsMax: Math.max(...renders.slice(1)), rowsRendered: rendered, libraryListRoundTripMsMedian: median(queries), firstPageMsMedian: median(firstPages), allPagesMsMedian: median(allPages), slowestPageMsMedian: median(slowestPages) };
  } finally {
    await browser.close();
    await host.stop();
  }
}

try {
  // The renderer the host serves is the built one: build it as the e2e tests do.
  const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) {
    throw new Error('the renderer build failed');
  }
  const big = await measure(10_000);
  const small = await measure(100);
  report('library-first-render', {
    rows: big.rows,
    firstRenderMsMedian: round(big.firstRenderMsMedian, 1),
    firstRenderMsMax: round(big.firstRenderMsMax, 1),
    rowsInDom: big.rowsRendered,
    libraryListRoundTripMs: round(big.libraryListRoundTripMsMedian, 1),
    libraryFirstPageMs: round(big.firstPageMsMedian, 1),
    libraryAllPagesMs: round(big.allPagesMsMedian, 1),
    librarySlowestPageMs: round(big.slowestPageMsMedian, 1),
    goalMs: 200,
    meetsGoal: big.firstRenderMsMedian < 200,
    baselineRows: small.rows,
    baselineFirstRenderMsMedian: round(small.firstRenderMsMedian, 1),
    baselineLibraryListRoundTripMs: round(small.libraryListRoundTripMsMedian, 1),
    ratioToBaseline: round(big.firstRenderMsMedian / small.firstRenderMsMedian, 2),
  });
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
