import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const outDir = fileURLToPath(new URL('./dist', import.meta.url));

// emptyOutDir wipes dist/, but the Go side embeds frontend/dist with
// //go:embed, which needs the directory to exist in a fresh checkout: the
// repository keeps dist/.gitkeep, so put it back after every build.
function keepGitkeep(): Plugin {
  return {
    name: 'keel-keep-gitkeep',
    apply: 'build',
    closeBundle() {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(`${outDir}/.gitkeep`, '');
    },
  };
}

export default defineConfig({
  plugins: [svelte(), svelteTesting(), keepGitkeep()],
  build: {
    outDir,
    emptyOutDir: true,
    // Wails serves the files from the binary: one small bundle, no remote
    // anything. echarts is large, so do not warn about it once it arrives.
    chunkSizeWarningLimit: 1500,
  },
  server: { strictPort: true },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    // A screen test takes about a second; on two cores shared with other
    // builds some took over vitest's default 5 s and failed make test.
    testTimeout: 30_000,
  },
});
