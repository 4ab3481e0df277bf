import { defineConfig } from 'vite';

// The C++ server serves web/dist at "/" with an SPA fallback; the API lives under /api/v1.
// `npm run dev` proxies the API to a locally running `baocao serve --port 8080`.
export default defineConfig({
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
});
