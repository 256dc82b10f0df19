import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server owns /trpc and /healthz; in development Vite forwards them so the editor
// talks to the same origin it is served from in production.
const apiServer = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: {
        // The graph package lays out imported flows with elkjs, which the editor never calls;
        // elkjs is CommonJS, so without this hint its 1.5 MB would ship to every browser.
        moduleSideEffects: (id) => !id.includes('/node_modules/elkjs/'),
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/trpc': apiServer,
      '/healthz': apiServer,
    },
  },
});
