import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // e2e tests spawn servers; keep the machine's 2 cores from being oversubscribed
    maxWorkers: 2,
  },
});
