// Builds the renderer (React) into out/renderer, served by Electron's custom protocol and the browser host.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true, sourcemap: true, target: 'es2022' },
});
