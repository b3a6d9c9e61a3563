import { defineConfig } from "vitest/config";

// Tests run the TypeScript sources: the "@bosun/source" export condition points at src/.
const conditions = ["@bosun/source", "node", "import", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts", "grammar/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
