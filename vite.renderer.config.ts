// Builds the renderer for both hosts: Electron loads it from disk, the browser host serves it on
// 127.0.0.1. Relative asset paths (base './') work for both; nothing is fetched from the network.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const fromRepo = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const config: UserConfig = {
  root: fromRepo('./src/renderer'),
  base: './',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: fromRepo('./out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    // Every Chromium the hosts run supports modulepreload; the polyfill would only add code.
    modulePreload: { polyfill: false },
    // Inlined assets become data: URLs; keep fonts and scripts as files so the CSP stays 'self'.
    assetsInlineLimit: 0,
    // Loaded from disk or loopback, never over a network: one ~600 kB entry (React, MUI, zod) is
    // fine. The zxcvbn dictionaries are split off and load only on the passphrase screens.
    chunkSizeWarningLimit: 1024,
  },
  server: { host: '127.0.0.1', strictPort: true },
};

export default defineConfig(({ command }) => {
  // A build is what ships, even when a test runner that exports NODE_ENV=test starts it: otherwise
  // the e2e tests would run React's development build and JSX dev transform, not the real thing.
  // Vite reads NODE_ENV after loading this file and documents setting it here.
  if (command === 'build') {
    process.env.NODE_ENV = 'production';
  }
  return config;
});
