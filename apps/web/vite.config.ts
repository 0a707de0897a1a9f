// Initial JS (entry + modulepreloads) measured after `vite build`: 204 KB gzip (budget 300 KB); each page is a lazy chunk.
// Re-measure with `node apps/web/scripts/initial-size.mjs`.
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  css: { postcss: { plugins: [postcssPresetMantine()] } },
  server: { proxy: { '/api': 'http://localhost:3100' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 700 },
});
