import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative asset paths: the same build loads from the HTTP bridge and from Electron's app protocol.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    // One local bundle loaded from disk or loopback: the domain rules (phone numbers, time
    // zones) make it large, and splitting it would gain nothing on a desktop console.
    chunkSizeWarningLimit: 4000,
  },
});
