// Generates static protobuf code from proto/ into src/artefact/generated/.
// The output is not committed: `npm test`, `npm run build`, `demo` and `bench` run this first.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const protoDir = join(root, "proto", "skewless", "v1");
const outDir = join(root, "src", "artefact", "generated");
mkdirSync(outDir, { recursive: true });
const protos = readdirSync(protoDir).filter((f) => f.endsWith(".proto")).sort().map((f) => join(protoDir, f));
const js = join(outDir, "skewless.js");
const dts = join(outDir, "skewless.d.ts");
const bin = (name) => join(root, "node_modules", ".bin", name);

execFileSync(bin("pbjs"), ["-t", "static-module", "-w", "es6", "--no-create", "--no-verify", "--no-convert", "--no-delimited", "--no-service", "--force-number", "-o", js, ...protos], { stdio: "inherit" });
// Node's ESM loader needs the file extension on a CommonJS package's subpath.
writeFileSync(js, readFileSync(js, "utf8").replace(/from "protobufjs\/minimal"/g, 'from "protobufjs/minimal.js"'));
execFileSync(bin("pbts"), ["--no-comments", "-o", dts, js], { stdio: "inherit" });
writeFileSync(dts, readFileSync(dts, "utf8").replace(/from "protobufjs"/g, 'from "protobufjs/minimal.js"'));
console.log(`gen:proto: ${protos.length} proto file(s) -> ${outDir}`);
