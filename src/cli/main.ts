#!/usr/bin/env node
/**
 * The `skewless` command line: fit, transform, inspect, diff, verify.
 * Thin: parses arguments (commander), shows progress (cli-progress), calls the API.
 * Typed errors print as `error [CODE]: message` with exit code 1 — no stack traces.
 */
import { readFileSync, writeFileSync, createWriteStream } from "node:fs";
import { extname } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { SingleBar, Presets } from "cli-progress";
import { SkewlessError } from "../core/errors.js";
import { FeatureSpace } from "../space/feature-space.js";
import { featureSpaceFromSpec } from "../space/spec.js";
import { inspectArtefact, loadArtefact } from "../load.js";
import { csvBatches } from "../node/csv.js";
import { npyBytes } from "../node/npy.js";
import { diffArtefacts, formatChanges } from "../inspect/diff.js";
import { VERSION } from "../version.js";

function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function parseMetadata(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf("=");
  if (at <= 0) throw new InvalidArgumentError(`metadata must be key=value, got ${JSON.stringify(value)}`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

function numericColumnsOf(space: FeatureSpace): string[] {
  return space.inputSchema.filter((c) => c.type === "numeric").map((c) => c.name);
}

function loadSpace(path: string): FeatureSpace {
  const loaded = loadArtefact(readBytes(path));
  if (!(loaded instanceof FeatureSpace)) {
    throw new SkewlessError("SCHEMA_MISMATCH", `${path} holds a ${loaded.kind}, not a FeatureSpace; the CLI transforms CSV files with FeatureSpace artefacts (written by skewless fit)`);
  }
  return loaded;
}

async function fitCommand(opts: { spec: string; data: string; output: string; batchSize: string; metadata?: Record<string, string>; quiet?: boolean }): Promise<void> {
  let specJson: unknown;
  try {
    specJson = JSON.parse(readFileSync(opts.spec, "utf8"));
  } catch (e) {
    throw new SkewlessError("INVALID_OPTION", `spec file ${opts.spec} is not valid JSON: ${(e as Error).message}`);
  }
  const space = featureSpaceFromSpec(specJson);
  const batchSize = Number(opts.batchSize);
  const numeric = numericColumnsOf(space);
  const showBar = !opts.quiet && process.stderr.isTTY;
  const bar = showBar ? new SingleBar({ format: "fit pass {pass}/{passes} |{bar}| {value} rows", stream: process.stderr }, Presets.shades_classic) : null;
  let currentPass = 0;
  await space.fitAsync(() => csvBatches(opts.data, { batchSize, numericColumns: numeric }), {
    onProgress: (p) => {
      if (!bar) return;
      if (p.pass !== currentPass) {
        if (currentPass > 0) bar.stop();
        currentPass = p.pass;
        bar.start(0, 0, { pass: p.pass, passes: p.passes });
      }
      bar.setTotal(p.rows);
      bar.update(p.rows, { pass: p.pass, passes: p.passes });
    },
  });
  bar?.stop();
  const bytes = space.save({ metadata: opts.metadata });
  writeFileSync(opts.output, bytes);
  const { info } = inspectArtefact(bytes);
  console.log(`wrote ${opts.output}: ${info.byteLength} bytes, ${space.width} output columns, sha256 ${info.digest}`);
}

async function transformCommand(artefact: string, data: string, opts: { output: string; batchSize: string; format?: string }): Promise<void> {
  const space = loadSpace(artefact);
  const format = (opts.format ?? extname(opts.output).slice(1)).toLowerCase();
  if (!["csv", "npy", "bin"].includes(format)) throw new SkewlessError("INVALID_OPTION", `output format "${format}" is not one of csv, npy, bin; name the file *.csv, *.npy or *.bin or pass --format`);
  const numeric = numericColumnsOf(space);
  const width = space.width;
  const blocks: Float32Array[] = [];
  let rows = 0;
  const csv = format === "csv" ? createWriteStream(opts.output) : null;
  csv?.write(space.outputNames().map(csvCell).join(",") + "\n");
  for await (const batch of csvBatches(data, { batchSize: Number(opts.batchSize), numericColumns: numeric })) {
    const y = space.transformToArray(batch);
    const n = y.length / Math.max(1, width);
    if (csv) {
      let text = "";
      for (let i = 0; i < n; i++) text += Array.from(y.subarray(i * width, (i + 1) * width), (v) => String(v)).join(",") + "\n";
      csv.write(text);
    } else blocks.push(y);
    rows += n;
  }
  if (csv) await new Promise<void>((resolve, reject) => csv.end((e?: Error | null) => (e ? reject(e) : resolve())));
  else {
    const all = new Float32Array(rows * width);
    let at = 0;
    for (const b of blocks) {
      all.set(b, at);
      at += b.length;
    }
    writeFileSync(opts.output, format === "npy" ? npyBytes(all, rows, width) : new Uint8Array(all.buffer));
  }
  console.log(`wrote ${opts.output}: ${rows} rows x ${width} float32 columns (${format})`);
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function inspectCommand(path: string, opts: { json?: boolean }): void {
  const { info, record } = inspectArtefact(readBytes(path));
  if (opts.json) {
    console.log(JSON.stringify({ info, inputSchema: record.inputSchema, layout: record.layout, metadata: record.metadata, statistics: record.statistics, root: summarizeNode(record.root) }, null, 2));
    return;
  }
  console.log(`${path}`);
  console.log(`  format     ${info.formatMajor}.${info.formatMinor}`);
  console.log(`  producer   ${info.producer}`);
  console.log(`  bytes      ${info.byteLength}`);
  console.log(`  sha256     ${info.digest}`);
  console.log(`  root       ${record.root.kind} (${record.root.children.length} children)`);
  for (const [k, v] of Object.entries(record.metadata)) console.log(`  metadata   ${k} = ${v}`);
  console.log(`  schema:`);
  for (const c of record.inputSchema) console.log(`    ${c.name}: ${c.type}${c.width > 1 ? `[${c.width}]` : ""}`);
  const width = record.layout.reduce((n, c) => n + (c.count ?? 1), 0);
  console.log(`  layout (${width} columns):`);
  let at = 0;
  for (const c of record.layout) {
    const label = !c.count ? c.name : c.name === "" ? `(${c.count} columns; names via outputNames())` : `${c.name}${c.first} .. ${c.name}${(c.first ?? 0) + c.count - 1} (${c.count} columns)`;
    console.log(`    ${String(at).padStart(4)} ${label}  <- ${c.source} via ${c.transform}`);
    at += c.count ?? 1;
  }
  if (record.statistics.length > 0) {
    console.log(`  statistics:`);
    for (const s of record.statistics) {
      if (s.kind === "categorical") {
        console.log(`    ${s.name}: count ${s.count}, missing ${s.missing}, distinct ${s.distinct}, top ${s.topValues.slice(0, 5).map((t) => `${JSON.stringify(t.value)}:${t.count}`).join(" ")}`);
      } else {
        console.log(`    ${s.name}: count ${s.count}, missing ${s.missing}, mean ${s.mean.toPrecision(6)}, std ${s.std.toPrecision(6)}, min ${s.min}, max ${s.max}`);
      }
    }
  }
}

function summarizeNode(n: { kind: string; name: string; children: { kind: string; name: string; children: unknown[] }[] }): unknown {
  return { kind: n.kind, name: n.name, children: n.children.map((c) => summarizeNode(c as never)) };
}

function diffCommand(a: string, b: string, opts: { json?: boolean }): void {
  const changes = diffArtefacts(inspectArtefact(readBytes(a)).record, inspectArtefact(readBytes(b)).record);
  if (opts.json) console.log(JSON.stringify(changes, null, 2));
  else for (const line of formatChanges(changes)) console.log(line);
}

function verifyCommand(path: string, opts: { trustedKey?: string[]; requireSignature?: boolean }): void {
  const trustedKeys = (opts.trustedKey ?? []).map((hex) => {
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new SkewlessError("INVALID_OPTION", `--trusted-key must be 64 hex characters (a 32-byte ed25519 public key), got ${JSON.stringify(hex)}`);
    return Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
  });
  const bytes = readBytes(path);
  const loaded = loadArtefact(bytes, { trustedKeys, requireSignature: opts.requireSignature === true });
  const { info } = inspectArtefact(bytes, { trustedKeys });
  console.log(`OK ${path}: format ${info.formatMajor}.${info.formatMinor}, ${loaded.kind}, sha256 ${info.digest} verified${info.verifiedBy.length > 0 ? `, signed by ${info.verifiedBy.join(", ")}` : ", unsigned"}`);
}

export function program(): Command {
  const p = new Command("skewless").description("Fit, apply and inspect skewless preprocessing artefacts").version(VERSION);
  p.command("fit")
    .description("fit a FeatureSpace from a JSON spec on a CSV file and write the artefact")
    .requiredOption("--spec <file>", "spec JSON (see README: FeatureSpace spec)")
    .requiredOption("--data <file>", "CSV with a header row")
    .requiredOption("-o, --output <file>", "artefact to write (e.g. prep.skw)")
    .option("--batch-size <n>", "rows per batch", "65536")
    .option("--metadata <key=value>", "metadata to store (repeatable)", parseMetadata)
    .option("-q, --quiet", "no progress bar")
    .action(fitCommand);
  p.command("transform")
    .description("transform a CSV file with a FeatureSpace artefact")
    .argument("<artefact>")
    .argument("<data>", "CSV with a header row")
    .requiredOption("-o, --output <file>", "output: .csv (header = output names), .npy (float32) or .bin (raw little-endian float32)")
    .option("--format <fmt>", "csv | npy | bin (default: from the output file name)")
    .option("--batch-size <n>", "rows per batch", "65536")
    .action(transformCommand);
  p.command("inspect").description("show format, producer, digest, schema, layout and statistics").argument("<artefact>").option("--json", "machine-readable output").action(inspectCommand);
  p.command("diff").description("what changed between two fitted artefacts").argument("<a>").argument("<b>").option("--json", "machine-readable output").action(diffCommand);
  p.command("verify")
    .description("check an artefact's framing, version, digest and signatures without using it")
    .argument("<artefact>")
    .option("--trusted-key <hex>", "trusted ed25519 public key (repeatable)", (v: string, prev: string[] = []) => [...prev, v])
    .option("--require-signature", "refuse unless a trusted key signed it")
    .action(verifyCommand);
  return p;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().exitOverride().parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof SkewlessError) {
      process.stderr.write(`error [${e.code}]: ${e.message}\n`);
      return 1;
    }
    const ce = e as { code?: string; exitCode?: number };
    if (typeof ce.code === "string" && ce.code.startsWith("commander.")) return ce.exitCode ?? 2;
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === "string" && err.syscall) {
      process.stderr.write(`error [${err.code}]: ${err.message}\n`);
      return 1;
    }
    throw e;
  }
}

const invokedDirectly = typeof process !== "undefined" && process.argv[1] !== undefined && /(?:cli[\\/]main\.[cm]?[tj]s|cli\.[cm]?js|skewless)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
