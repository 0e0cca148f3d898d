// Bundles the preload script into one CommonJS file: a sandboxed preload cannot load ES modules or local files.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'out/preload',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    lib: { entry: 'main/electron/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
    rollupOptions: { external: ['electron'] },
  },
});
