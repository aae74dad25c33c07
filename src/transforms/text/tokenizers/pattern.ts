/**
 * HF patterns (Split pre-tokenizer, Replace normalizer/decoder): `{String}` is a literal,
 * `{Regex}` an Oniguruma regex, run here as a JS regex with the `u` flag. The common
 * tokenizer patterns (GPT-2's, BERT-like splits) mean the same in both engines; a pattern
 * JS cannot compile (inline flag groups such as `(?i:...)` before Node 23, possessive
 * quantifiers, atomic groups) is refused with an UnsupportedComponentError naming it.
 * Property classes (\p{L}...) follow the engine's Unicode version in such patterns.
 */
import type { PatternConfig } from "./config.js";
import { UnsupportedComponentError } from "./errors.js";
import { type Json, obj, str } from "./json-fields.js";
import { badField } from "./errors.js";
import { translateOnig } from "./unicode/onig-regex.js";

export function parsePattern(v: unknown, path: string): PatternConfig {
  const o: Json = obj(v, path);
  if ("String" in o) return { String: str(o.String, `${path}.String`) };
  if ("Regex" in o) return { Regex: str(o.Regex, `${path}.Regex`) };
  throw badField(path, v, '{"String": "..."} or {"Regex": "..."}');
}

const cache = new Map<string, RegExp>();

/** A global `u` regex for the pattern (literals escaped). */
export function compilePattern(p: PatternConfig, path: string): RegExp {
  const key = "String" in p ? `s:${p.String}` : `r:${p.Regex}`;
  let re = cache.get(key);
  if (re === undefined) {
    const source = "String" in p ? p.String.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&") : translateOnig(p.Regex);
    try {
      re = new RegExp(source, "gu");
    } catch (e) {
      throw new UnsupportedComponentError(`${path}.Regex`, ["regexes JavaScript can compile with the u flag"], `${JSON.stringify(source)}: ${(e as Error).message}`);
    }
    cache.set(key, re);
  }
  return new RegExp(re.source, re.flags);
}

/**
 * HF find_matches: the string covered by (start, end, isMatch) segments in order, in UTF-16
 * units. An empty pattern literal matches nothing (one unmatched segment, as HF).
 */
export function findMatches(re: RegExp, s: string, emptyLiteral: boolean, out: number[]): void {
  out.length = 0;
  if (s.length === 0) {
    out.push(0, 0, 0);
    return;
  }
  if (emptyLiteral) {
    out.push(0, s.length, 0);
    return;
  }
  re.lastIndex = 0;
  let prev = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (prev !== start) out.push(prev, start, 0);
    out.push(start, end, 1);
    prev = end;
    if (end === start) {
      // Advance past an empty match by one code point (both Rust engines do).
      if (start >= s.length) break;
      const c = s.codePointAt(start)!;
      re.lastIndex = start + (c > 0xffff ? 2 : 1);
    }
  }
  if (prev !== s.length) out.push(prev, s.length, 0);
}
