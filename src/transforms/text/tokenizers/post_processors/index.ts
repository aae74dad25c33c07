/**
 * Post-processors (HF tokenizers/src/processors): special tokens around the encoded
 * sequence(s) — TemplateProcessing ("[CLS] $A [SEP]" / "[CLS] $A [SEP] $B:1 [SEP]:1"),
 * BertProcessing, RobertaProcessing — and ByteLevel's offset trimming; Sequence chains them.
 */
import type { PostProcessorConfig, TemplatePiece, TemplateSpecialToken } from "../config.js";
import { UnsupportedComponentError, badField } from "../errors.js";
import { type Encoding, concatEncodings } from "../encoding.js";
import { arr, bool, obj, oneOf, str, uint } from "../json-fields.js";
import { WHITESPACE_F, bmpFlags } from "../unicode/char-classes.js";

export const POST_PROCESSOR_TYPES = ["TemplateProcessing", "BertProcessing", "RobertaProcessing", "ByteLevel", "Sequence"] as const;

export interface PostProcess {
  /** Special tokens added to a single input / a pair (truncation leaves room for them). */
  added(isPair: boolean): number;
  /** HF process_encodings. */
  processEncodings(encodings: Encoding[], addSpecialTokens: boolean): Encoding[];
}

function parsePiece(v: unknown, path: string): TemplatePiece {
  const o = obj(v, path);
  if ("SpecialToken" in o) {
    const t = obj(o.SpecialToken, `${path}.SpecialToken`);
    return { SpecialToken: { id: str(t.id, `${path}.SpecialToken.id`), type_id: uint(t.type_id, `${path}.SpecialToken.type_id`, 0) } };
  }
  if ("Sequence" in o) {
    const t = obj(o.Sequence, `${path}.Sequence`);
    return { Sequence: { id: oneOf(t.id, ["A", "B"] as const, `${path}.Sequence.id`), type_id: uint(t.type_id, `${path}.Sequence.type_id`, 0) } };
  }
  throw badField(path, v, '{"SpecialToken": {...}} or {"Sequence": {...}}');
}

/** "[CLS] $A [SEP] $B:1 [SEP]:1" -> template pieces (HF's string template syntax). */
export function parseTemplateString(s: string, path: string): TemplatePiece[] {
  return s
    .split(" ")
    .filter((p) => p.length > 0)
    .map((part) => {
      const bits = part.split(":");
      if (bits.length > 2) throw badField(path, s, 'pieces like "$A", "$B:1" or "[SEP]:1"');
      const typeId = bits.length === 2 ? Number(bits[1]) : 0;
      if (!Number.isInteger(typeId) || typeId < 0) throw badField(path, s, "type ids that are non-negative integers");
      const name = bits[0];
      if (name.startsWith("$")) {
        const rest = name.slice(1);
        if (rest === "" || rest === "A" || rest === "a") return { Sequence: { id: "A" as const, type_id: typeId } };
        if (rest === "B" || rest === "b") return { Sequence: { id: "B" as const, type_id: typeId } };
        const n = Number(rest);
        if (bits.length === 1 && Number.isInteger(n) && n >= 0) return { Sequence: { id: "A" as const, type_id: n } };
        throw badField(path, s, "sequences written $A, $B or $<type id>");
      }
      return { SpecialToken: { id: name, type_id: typeId } };
    });
}

function parseTemplate(v: unknown, path: string): TemplatePiece[] {
  if (typeof v === "string") return parseTemplateString(v, path);
  return arr(v, path).map((p, i) => parsePiece(p, `${path}[${i}]`));
}

function parsePair(v: unknown, path: string): [string, number] {
  const a = arr(v, path);
  if (a.length !== 2) throw badField(path, v, "a [token, id] pair");
  return [str(a[0], `${path}[0]`), uint(a[1], `${path}[1]`)];
}

export function parsePostProcessor(v: unknown, path = "post_processor"): PostProcessorConfig {
  const o = obj(v, path);
  const type = o.type;
  switch (type) {
    case "TemplateProcessing": {
      const single = parseTemplate(o.single, `${path}.single`);
      const pair = parseTemplate(o.pair, `${path}.pair`);
      const special: Record<string, TemplateSpecialToken> = Object.create(null);
      const so = obj(o.special_tokens ?? {}, `${path}.special_tokens`);
      // Sorted by key, as HF writes them (a BTreeMap).
      for (const [k, t] of Object.entries(so).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
        const to = obj(t, `${path}.special_tokens.${k}`);
        const ids = arr(to.ids, `${path}.special_tokens.${k}.ids`).map((x, i) => uint(x, `${path}.special_tokens.${k}.ids[${i}]`));
        const tokens = arr(to.tokens, `${path}.special_tokens.${k}.tokens`).map((x, i) => str(x, `${path}.special_tokens.${k}.tokens[${i}]`));
        if (ids.length !== tokens.length) throw badField(`${path}.special_tokens.${k}`, t, "as many ids as tokens");
        special[k] = { id: str(to.id, `${path}.special_tokens.${k}.id`), ids, tokens };
      }
      for (const [name, tpl] of [["single", single], ["pair", pair]] as const) {
        for (const p of tpl) {
          if ("SpecialToken" in p && !(p.SpecialToken.id in special)) {
            throw badField(`${path}.${name}`, p.SpecialToken.id, `a special token listed in ${path}.special_tokens`);
          }
        }
      }
      return { type, single, pair, special_tokens: special };
    }
    case "BertProcessing":
      return { type, sep: parsePair(o.sep, `${path}.sep`), cls: parsePair(o.cls, `${path}.cls`) };
    case "RobertaProcessing":
      return {
        type,
        sep: parsePair(o.sep, `${path}.sep`),
        cls: parsePair(o.cls, `${path}.cls`),
        trim_offsets: bool(o.trim_offsets, `${path}.trim_offsets`, true),
        add_prefix_space: bool(o.add_prefix_space, `${path}.add_prefix_space`, true),
      };
    case "ByteLevel":
      return {
        type,
        add_prefix_space: bool(o.add_prefix_space, `${path}.add_prefix_space`, true),
        trim_offsets: bool(o.trim_offsets, `${path}.trim_offsets`, true),
        use_regex: bool(o.use_regex, `${path}.use_regex`, true),
      };
    case "Sequence":
      return { type, processors: arr(o.processors, `${path}.processors`).map((p, i) => parsePostProcessor(p, `${path}.processors[${i}]`)) };
    default:
      throw new UnsupportedComponentError(`${path}.${String(type)}`, POST_PROCESSOR_TYPES);
  }
}

const G_SPACE = "\u0120";

function isSpaceUnit(c: number): boolean {
  return c === 0x120 || (bmpFlags()[c] & WHITESPACE_F) !== 0;
}

/** Leading space units (Ġ or whitespace) of a token. */
export function spaceLead(token: string): number {
  const n = token.length;
  let lead = 0;
  while (lead < n && isSpaceUnit(token.charCodeAt(lead))) lead++;
  return lead;
}

/** Trailing space units of a token. */
export function spaceTrail(token: string): number {
  const n = token.length;
  let trail = 0;
  while (trail < n && isSpaceUnit(token.charCodeAt(n - 1 - trail))) trail++;
  return trail;
}

/** One token's offsets trimmed of its `lead` leading and `trail` trailing space units. */
export function trimOne(o: [number, number], lead: number, trail: number, isFirst: boolean, addPrefixSpace: boolean): void {
  if (lead > 0) {
    if (isFirst && addPrefixSpace && lead === 1) lead = 0;
    o[0] = Math.min(o[0] + lead, o[1]);
  }
  if (trail > 0 && o[1] >= trail) o[1] = Math.max(o[1] - trail, o[0]);
}

/**
 * HF process_offsets (byte_level.rs): trims leading/trailing spaces (Ġ or whitespace) out
 * of token offsets, for the tokens [from, to) of `e`. Whitespace characters are all in
 * the BMP, so counting UTF-16 units counts characters here.
 */
export function trimOffsets(e: Encoding, addPrefixSpace: boolean, from = 0, to = e.tokens.length): void {
  for (let i = from; i < to; i++) {
    const token = e.tokens[i];
    const lead = spaceLead(token);
    const trail = spaceTrail(token);
    if (lead === 0 && trail === 0) continue;
    trimOne(e.offsets[i], lead, trail, i === from || e.offsets[i][0] === 0, addPrefixSpace);
  }
}

function wrap(e: Encoding, cls: [string, number], sep: [string, number], typeId: number | null, seq: number): Encoding {
  const n = e.ids.length;
  return {
    ids: [cls[1], ...e.ids, sep[1]],
    tokens: [cls[0], ...e.tokens, sep[0]],
    offsets: [[0, 0], ...e.offsets, [0, 0]],
    attentionMask: new Array(n + 2).fill(1),
    typeIds: typeId === null ? [0, ...e.typeIds, 0] : new Array(n + 2).fill(typeId),
    specialTokensMask: [1, ...new Array(n).fill(0), 1],
    wordIds: [null, ...e.wordIds, null],
    sequenceIds: [null, ...new Array(n).fill(seq), null],
  };
}

function sepOnly(e: Encoding, sep: [string, number], typeId: number | null, seq: number): Encoding {
  const n = e.ids.length;
  return {
    ids: [...e.ids, sep[1]],
    tokens: [...e.tokens, sep[0]],
    offsets: [...e.offsets, [0, 0]],
    attentionMask: new Array(n + 1).fill(1),
    typeIds: typeId === null ? [...e.typeIds, 1] : new Array(n + 1).fill(typeId),
    specialTokensMask: [...new Array(n).fill(0), 1],
    wordIds: [...e.wordIds, null],
    sequenceIds: [...new Array(n).fill(seq), null],
  };
}

function special(tok: TemplateSpecialToken, typeId: number): Encoding {
  const n = tok.ids.length;
  return {
    ids: tok.ids.slice(),
    tokens: tok.tokens.slice(),
    offsets: Array.from({ length: n }, (): [number, number] => [0, 0]),
    attentionMask: new Array(n).fill(1),
    typeIds: new Array(n).fill(typeId),
    specialTokensMask: new Array(n).fill(1),
    wordIds: new Array(n).fill(null),
    sequenceIds: new Array(n).fill(null),
  };
}

export function compilePostProcessor(c: PostProcessorConfig): PostProcess {
  switch (c.type) {
    case "TemplateProcessing": {
      const count = (t: TemplatePiece[]): number => t.reduce((s, p) => s + ("SpecialToken" in p ? c.special_tokens[p.SpecialToken.id].ids.length : 0), 0);
      const addedSingle = count(c.single);
      const addedPair = count(c.pair);
      return {
        added: (isPair) => (isPair ? addedPair : addedSingle),
        processEncodings: (encs, addSpecial) => {
          const tpl = encs.length === 2 ? c.pair : c.single;
          const out: Encoding[] = [];
          for (const p of tpl) {
            if ("Sequence" in p) {
              const i = p.Sequence.id === "A" ? 0 : 1;
              const e = encs[i];
              if (e === undefined) continue;
              // The encodings are this call's own: set their type ids in place.
              e.typeIds.fill(p.Sequence.type_id);
              e.sequenceIds.fill(i);
              out.push(e);
            } else if (addSpecial) {
              out.push(special(c.special_tokens[p.SpecialToken.id], p.SpecialToken.type_id));
            }
          }
          return out;
        },
      };
    }
    case "BertProcessing":
      return {
        added: (isPair) => (isPair ? 3 : 2),
        processEncodings: (encs, addSpecial) => {
          if (!addSpecial) return encs;
          return encs.map((e, i) => (i === 0 ? wrap(e, c.cls, c.sep, null, 0) : sepOnly(e, c.sep, null, i)));
        },
      };
    case "RobertaProcessing":
      return {
        added: (isPair) => (isPair ? 4 : 2),
        processEncodings: (encs, addSpecial) => {
          if (c.trim_offsets) for (const e of encs) trimOffsets(e, c.add_prefix_space);
          for (const e of encs) e.typeIds = new Array(e.ids.length).fill(0);
          if (!addSpecial) return encs;
          return encs.map((e, i) => (i === 0 ? wrap(e, c.cls, c.sep, 0, 0) : wrap(e, c.sep, c.sep, 0, i)));
        },
      };
    case "ByteLevel":
      return {
        added: () => 0,
        processEncodings: (encs) => {
          if (c.trim_offsets) for (const e of encs) trimOffsets(e, c.add_prefix_space);
          return encs;
        },
      };
    case "Sequence": {
      const parts = c.processors.map(compilePostProcessor);
      return {
        added: (isPair) => parts.reduce((s, p) => s + p.added(isPair), 0),
        processEncodings: (encs, addSpecial) => {
          for (const p of parts) encs = p.processEncodings(encs, addSpecial);
          return encs;
        },
      };
    }
  }
}

/** HF PostProcessor::process: type ids = sequence index, then the processor, then concatenation. */
export function postProcess(pp: PostProcess | null, a: Encoding, b: Encoding | null, addSpecial: boolean): Encoding {
  const encs = b === null ? [a] : [a, b];
  encs.forEach((e, i) => {
    e.typeIds.fill(i);
    e.sequenceIds.fill(i);
  });
  if (pp === null) return encs.length === 1 ? encs[0] : concatEncodings(encs);
  return concatEncodings(pp.processEncodings(encs, addSpecial));
}
