// Builds the Electron app: main (ESM, dependencies left in node_modules), the sandboxed preload
// (CommonJS, self-contained: a sandboxed preload can require nothing but 'electron') and the
// renderer (the same Vite config the browser host uses). `npm run build:electron`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig as ElectronViteConfig } from 'electron-vite';
import { build, normalizePath, type ConfigEnv, type Plugin, type UserConfig, type UserConfigExport } from 'vite';
import rendererConfig from './vite.renderer.config';

const fromRepo = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

const KDF_CALLER = normalizePath(fromRepo('./src/platform/crypto/passphrase-kdf.ts'));
const KDF_WORKER_SOURCE = fromRepo('./src/platform/crypto/kdf-worker.js');
/** What passphrase-kdf.ts says, after Vite's TypeScript transform (which may change the quotes). */
const KDF_WORKER_URL = /new URL\((['"])\.\/kdf-worker\.js\1,\s*import\.meta\.url\)/;
/** .mjs so Node loads it as ESM even where no package.json is nearby (app.asar.unpacked). */
const KDF_WORKER_OUTPUT = 'kdf-worker.mjs';

/** The Argon2id worker with libsodium bundled in: it must run with no node_modules around it. */
async function bundleKdfWorker(): Promise<string> {
  const result = await build({
    configFile: false,
    envDir: false,
    logLevel: 'warn',
    publicDir: false,
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: KDF_WORKER_SOURCE,
      write: false,
      target: 'node22',
      minify: false,
      rolldownOptions: { output: { format: 'es', codeSplitting: false } },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  const chunk = outputs.flatMap((output) => ('output' in output ? output.output : [])).find((file) => file.type === 'chunk' && file.isEntry);
  if (!chunk || chunk.type !== 'chunk') {
    throw new Error('Bundling the key-derivation worker produced no entry chunk.');
  }
  return chunk.code;
}

/**
 * passphrase-kdf.ts starts `new URL('./kdf-worker.js', import.meta.url)`, which only exists next
 * to the source. In the main bundle that URL is rewritten to the emitted, self-contained worker,
 * and inside a packaged app to its copy in app.asar.unpacked (electron-builder's `asarUnpack`),
 * so the worker never loads from inside the asar archive. The build fails if the expression
 * moves, rather than shipping an app that cannot unlock a vault.
 */
function kdfWorkerPlugin(): Plugin {
  const placeholder = /(["'])__CALLVAULT_KDF_WORKER_([\w$]+)__\1/g;
  return {
    name: 'callvault:kdf-worker',
    apply: 'build',
    async transform(code, id) {
      if (normalizePath(id.split('?')[0] ?? id) !== KDF_CALLER) {
        return null;
      }
      if (!KDF_WORKER_URL.test(code)) {
        this.error(`${KDF_CALLER} no longer starts its worker with new URL('./kdf-worker.js', import.meta.url); update kdfWorkerPlugin in electron.vite.config.ts.`);
      }
      this.addWatchFile(KDF_WORKER_SOURCE);
      const ref = this.emitFile({ type: 'asset', fileName: KDF_WORKER_OUTPUT, source: await bundleKdfWorker() });
      const url = `new URL('__CALLVAULT_KDF_WORKER_${ref}__', import.meta.url.replace('/app.asar/', '/app.asar.unpacked/'))`;
      return { code: code.replace(KDF_WORKER_URL, url), map: null };
    },
    // The worker's path relative to whichever chunk ended up holding passphrase-kdf.ts.
    renderChunk(code, chunk) {
      if (!code.includes('__CALLVAULT_KDF_WORKER_')) {
        return null;
      }
      const from = path.posix.dirname(chunk.fileName);
      return code.replace(placeholder, (_match, _quote, ref: string) => {
        const relative = path.posix.relative(from, this.getFileName(ref));
        return JSON.stringify(relative.startsWith('.') ? relative : `./${relative}`);
      });
    },
  };
}

/** The browser host's renderer config, whichever form (object, promise, function) it is written in. */
async function rendererConfigFor(env: ConfigEnv): Promise<UserConfig> {
  const exported: UserConfigExport = rendererConfig;
  return typeof exported === 'function' ? exported(env) : exported;
}

export default defineConfig(async (env): Promise<ElectronViteConfig> => ({
  main: {
    plugins: [kdfWorkerPlugin()],
    build: {
      outDir: fromRepo('./out/main'),
      // The summary engine's worker is an entry of its own (out/main/summary-worker.js, see
      // src/platform/summary/worker-location.ts); node-llama-cpp stays in node_modules.
      rolldownOptions: { input: { index: fromRepo('./electron/main/index.ts'), 'summary-worker': fromRepo('./src/platform/summary/llama-worker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: fromRepo('./out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRepo('./electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: await rendererConfigFor(env),
}));
