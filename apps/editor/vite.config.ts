import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server owns /trpc and /healthz; in development Vite forwards them so the editor
// talks to the same origin it is served from in production.
const apiServer = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/trpc': apiServer,
      '/healthz': apiServer,
    },
  },
});
