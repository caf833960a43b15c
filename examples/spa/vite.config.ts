import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `authql/client` resolves to this repository's client, as it would from node_modules.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { alias: { 'authql/client': fileURLToPath(new URL('../../src/client/index.ts', import.meta.url)) } },
  build: { outDir: fileURLToPath(new URL('./dist', import.meta.url)), emptyOutDir: true },
});
