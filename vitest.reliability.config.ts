import { defineConfig } from "vitest/config";

/** `npm run test:reliability`: the replica suite, on its own (it starts Redis and three servers). */
export default defineConfig({
  test: {
    include: ["test/reliability/**/*.reliability.ts"],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    maxWorkers: 1,
  },
});
