// Lint rules double as the architecture's import boundaries (see docs/ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'fs', 'fs/promises', 'path', 'os', 'net', 'http', 'https', 'child_process', 'worker_threads',
  'crypto', 'stream', 'url', 'util', 'events', 'zlib', 'dgram', 'tls', 'readline', 'process',
];
const nodeImports = [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`)];
const sodium = { name: 'libsodium-wrappers-sumo', message: 'libsodium is imported only under src/platform/crypto.' };
const sqlite = { name: 'better-sqlite3-multiple-ciphers', message: 'SQLite is imported only under src/platform/db; the team server has none.' };
const electron = { name: 'electron', message: 'electron is imported only under electron/.' };

const errorNames = '/^(e|err|error|cause|reason|failure|exception)$/';
const errorObject = `[object.name=${errorNames}]`;
const textMatchers = '/^(test|exec|match|matchAll|includes|startsWith|endsWith|search|indexOf)$/';
const noInterval = { selector: "CallExpression[callee.name='setInterval'], CallExpression[callee.property.name='setInterval']", message: 'No polling in the renderer: read with useQuery and list the events that invalidate it.' };
const noTimeout = { selector: "CallExpression[callee.name='setTimeout'], CallExpression[callee.property.name='setTimeout']", message: 'No timed re-reads in features: useQuery with invalidatedBy events. A timer that is not a poll goes on the allow-list in eslint.config.js.' };
const errorIdentityRules = [
  {
    selector: `BinaryExpression[operator=/^[!=]==?$/] > MemberExpression${errorObject}[property.name='name']`,
    message: "Tell errors apart by instanceof and their code (CallVaultError), not by error.name.",
  },
  {
    selector: `BinaryExpression[operator=/^[!=]==?$/] > MemberExpression${errorObject}[property.name='message']`,
    message: 'Tell errors apart by their code (CallVaultError), not by message text.',
  },
  {
    selector: `CallExpression[callee.property.name=${textMatchers}][arguments.0.property.name='message'][arguments.0.object.name=${errorNames}]`,
    message: 'Tell errors apart by their code (CallVaultError), not by message text.',
  },
  {
    selector: `CallExpression[callee.property.name=${textMatchers}][callee.object.property.name='message'][callee.object.object.name=${errorNames}]`,
    message: 'Tell errors apart by their code (CallVaultError), not by message text.',
  },
];

const clockRules = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read the time from the injected Clock (vault.now(), a `now` passed in), not new Date().' },
  // Date.now called, passed along (`now: Date.now`) or reached by a computed key.
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Read the time from the injected Clock, not Date.now; for elapsed time use performance.now().' },
  { selector: "MemberExpression[object.name='Date'][computed=true]", message: 'Read the time from the injected Clock, not Date[...].' },
  // globalThis.Date / window.Date would slip past the rules above.
  { selector: "MemberExpression[property.name='Date'][object.name=/^(globalThis|global|window|self)$/]", message: 'Use Date directly (and the injected Clock for the current time).' },
];

const restrict = (paths, patterns = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});
// Benchmarks are leaves: nothing imports them. Fixture generators and scorers live in tools/.
const noBench = { group: ['**/bench/**', '!**/bench/bench-util'], message: 'Nothing imports bench/: move what is shared into tools/.' };
// The product imports none of what only builds, measures or tests it.
const notProduct = [{ group: ['**/bench/**', '**/tools/**', '**/tests/**', '**/scripts/**'], message: 'Product code never imports benchmarks, tools, tests or scripts.' }];
// The team server (server/, its own workspace) and the app share only pure code: src/shared and src/core.
const notServer = { group: ['**/server/**', 'callvault-server', 'callvault-server/**'], message: 'The app never imports the team server (server/): share pure code through src/shared or src/core.' };
const serverOnlyPure = {
  group: ['**/src/*', '!**/src/shared', '!**/src/shared/**', '!**/src/core', '!**/src/core/**', '**/electron/**', '**/out/**'],
  message: 'The team server imports only src/shared and src/core from the app: it deploys without Electron, whisper or SQLite.',
};
const pg = { name: 'pg', message: 'The PostgreSQL driver is imported only under server/src/db.' };
const pglite = { name: '@electric-sql/pglite', message: 'PGlite is imported only under server/src/db.' };
const serverSodium = { name: 'libsodium-wrappers-sumo', message: 'On the server, libsodium is imported only under server/src/crypto.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', '.tmp/', '.cache/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.renderer.json', './tsconfig.electron.json'],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      curly: ['error', 'all'],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...restrict([sodium, sqlite, electron], [noBench]),
    },
  },
  {
    files: ['src/**', 'electron/**'],
    rules: restrict([sodium, sqlite, electron, pg, pglite], [...notProduct, notServer]),
  },
  {
    files: ['server/**'],
    rules: restrict([serverSodium, sqlite, electron, pg, pglite], [serverOnlyPure, ...notProduct]),
  },
  {
    files: ['server/src/db/**'],
    rules: restrict([serverSodium, sqlite, electron], [serverOnlyPure, ...notProduct]),
  },
  {
    files: ['server/src/crypto/**'],
    rules: restrict([sqlite, electron, pg, pglite], [serverOnlyPure, ...notProduct]),
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**', 'bin/**', 'bench/**', 'tools/**', 'src/cli/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/platform/crypto/**'],
    rules: restrict([sqlite, electron, pg, pglite], [...notProduct, notServer]),
  },
  {
    files: ['src/platform/db/**'],
    rules: restrict([sodium, electron, pg, pglite], [...notProduct, notServer]),
  },
  {
    // Search reads and writes the index through its port (core/ports/search-index.ts).
    files: ['src/app/search/**'],
    rules: restrict([sodium, sqlite, electron, pg, pglite], [...notProduct, notServer, { group: ['**/platform/db/**'], message: 'app/search uses the search index through core/ports/search-index.ts, not the SQLite repository.' }]),
  },
  {
    files: ['electron/main/**'],
    rules: restrict([sodium, sqlite, pg, pglite], [...notProduct, notServer]),
  },
  {
    files: ['electron/preload/**'],
    rules: restrict([sodium, sqlite], [
      { group: ['**/src/*', '!**/src/shared', '**/src/shared/*', '!**/src/shared/contract', '!**/src/shared/contract/**', '**/electron/main/**'], message: 'The preload imports only electron and src/shared/contract.' },
      ...notProduct,
    ]),
  },
  {
    files: ['src/core/**', 'src/shared/**'],
    rules: restrict([sodium, sqlite, electron, ...nodeImports.map((name) => ({ name, message: 'core and shared do no I/O: declare a port in src/core/ports instead.' }))], [
      { group: ['**/platform/**', '**/app/**', '**/host/**', '**/renderer/**', '**/server/**', '**/cli/**'], message: 'core and shared import no outer layer.' },
      ...notProduct,
    ]),
  },
  {
    files: ['src/shared/**'],
    rules: restrict([sodium, sqlite, electron, ...nodeImports.map((name) => ({ name, message: 'shared imports nothing but zod.' }))], [
      { group: ['**/core/**', '**/platform/**', '**/app/**', '**/host/**', '**/renderer/**', '**/server/**', '**/cli/**'], message: 'shared imports nothing but zod.' },
      ...notProduct,
    ]),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([sodium, sqlite, electron, ...nodeImports.map((name) => ({ name, message: 'The renderer has no Node: go through the contract client.' }))], [
        { group: ['**/platform/**', '**/app/**', '**/host/**', '**/server/**', '**/cli/**', '**/core/ports/**', '**/electron/**'], message: 'The renderer reaches the app only through src/renderer/client.' },
        ...notProduct,
      ]),
    },
  },
  {
    // One error model (docs/ARCHITECTURE.md): errors are told apart by `instanceof` and their
    // code, never by `name` or message text. Third-party codes (errno, SQLITE_*) are fine.
    files: ['src/**'],
    rules: {
      'no-restricted-syntax': ['error', ...errorIdentityRules],
    },
  },
  {
    // The renderer never polls the app: it reads with useQuery and hears changes as events
    // (src/renderer/client/use-query.ts). No setInterval anywhere in it, and setTimeout in a
    // feature only where a timer is not a poll (tests/unit/renderer-polling/no-polling.test.ts holds the list).
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-syntax': ['error', ...errorIdentityRules, noInterval],
    },
  },
  {
    files: ['src/renderer/features/**'],
    ignores: ['src/renderer/features/consent/manual-notes.tsx', 'src/renderer/features/recording/capture-run.ts', 'src/renderer/features/recording/audio-pipeline.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...errorIdentityRules, noInterval, noTimeout],
    },
  },
  {
    // The server: one error model, and the injected clock everywhere but the composition root.
    files: ['server/src/**'],
    ignores: ['server/src/compose.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...errorIdentityRules, ...clockRules],
    },
  },
  {
    // One injected clock (src/core/ports/clock.ts): the app reads the time through it, so
    // retention, holds and expiry can be tested over simulated years. `new Date(x)` is fine.
    files: ['src/app/**'],
    rules: {
      'no-restricted-syntax': ['error', ...errorIdentityRules, ...clockRules],
    },
  },
  {
    // Tests and benchmarks may reach into any layer (they tamper with the database on purpose),
    // but still never import Electron.
    files: ['tests/**', 'bench/**', 'tools/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      ...restrict([electron], [noBench]),
    },
  },
  {
    files: ['bench/**'],
    rules: restrict([electron]),
  },
  {
    files: ['tools/**'],
    rules: { 'no-console': 'off' },
  },
);
