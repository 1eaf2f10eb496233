import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/engine/**/*.test.ts"],
    // Property tests run many simulations; give them room on a 2-core CI machine.
    testTimeout: 60_000,
  },
});
