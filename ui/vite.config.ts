import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves the SPA from its classpath (META-INF/resources), so the build lands in the
// jar's classes directory; `npm run dev` proxies the API to a locally running gateway.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: {
      '/api': { target: process.env.KUBECHAT_GATEWAY ?? 'http://localhost:8080', ws: true },
      '/q': { target: process.env.KUBECHAT_GATEWAY ?? 'http://localhost:8080' },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.mjs'],
    environment: 'node',
  },
});
