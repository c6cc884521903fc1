// Build of the web workbench: web/ → dist/web/ (served by `haushalt serve`). Preact through the automatic JSX
// runtime of Vite's own transform; no dev-only plugins.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // V8's explicit compile hint: every function of the entry chunk is compiled while the script loads, on a
        // background thread, instead of on the main thread when first called (the first edit ran 3-5 ms of
        // compilation in the frame it should show; docs/benchmarks.md). The lazy chunks (charts, PDF viewer)
        // stay lazy.
        postBanner: (chunk) => (chunk.isEntry ? '//# allFunctionsCalledOnLoad' : ''),
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
