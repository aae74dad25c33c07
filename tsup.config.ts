import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", node: "src/node.ts", cli: "src/cli/main.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  // The browser-facing entry must not pull in Node built-ins; src/node.ts may.
  platform: "neutral",
  external: [/^@tensorflow\//, "protobufjs", /^@noble\//, "csv-parse", "commander", "cli-progress", /^node:/],
});
