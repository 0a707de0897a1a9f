// Initial JS (entry + modulepreloads + the reader's catalogue + the home page) after `vite build`: 189 KB gzip (budget
// 200 KB, .ci/run); each page is a lazy chunk. Re-measure with `node apps/web/scripts/initial-size.mjs`; what stays
// out of the shell and why: docs/fragments/perf.md.
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  css: { postcss: { plugins: [postcssPresetMantine()] } },
  server: { proxy: { '/api': 'http://localhost:3100' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 700 },
});
