/**
 * Decoders (HF tokenizers/src/decoders): token strings back to text. Each is a
 * decode_chain over the token strings; the final text is their concatenation.
 */
import type { DecoderConfig } from "../config.js";
import { UnsupportedComponentError } from "../errors.js";
import { arr, bool, obj, str, uint } from "../json-fields.js";
import { compilePattern, findMatches, parsePattern } from "../pattern.js";
import { CHAR_TO_BYTE } from "../pre_tokenizers/byte_level.js";

export type DecodeChain = (tokens: string[]) => string[];

export const DECODER_TYPES = ["WordPiece", "ByteLevel", "BPEDecoder", "Replace", "Strip", "Fuse", "ByteFallback", "Sequence"] as const;

export function parseDecoder(v: unknown, path = "decoder"): DecoderConfig {
  const o = obj(v, path);
  const type = o.type;
  switch (type) {
    case "WordPiece":
      return { type, prefix: o.prefix === undefined ? "##" : str(o.prefix, `${path}.prefix`), cleanup: bool(o.cleanup, `${path}.cleanup`, true) };
    case "ByteLevel":
      return {
        type,
        add_prefix_space: bool(o.add_prefix_space, `${path}.add_prefix_space`, true),
        trim_offsets: bool(o.trim_offsets, `${path}.trim_offsets`, true),
        use_regex: bool(o.use_regex, `${path}.use_regex`, true),
      };
    case "BPEDecoder":
      return { type, suffix: o.suffix === undefined ? "</w>" : str(o.suffix, `${path}.suffix`) };
    case "Replace":
      return { type, pattern: parsePattern(o.pattern, `${path}.pattern`), content: str(o.content, `${path}.content`) };
    case "Strip": {
      const content = str(o.content, `${path}.content`);
      if (Array.from(content).length !== 1) throw new UnsupportedComponentError(`${path}.content`, ["a single character"]);
      return { type, content, start: uint(o.start, `${path}.start`), stop: uint(o.stop, `${path}.stop`) };
    }
    case "Fuse":
    case "ByteFallback":
      return { type };
    case "Sequence":
      return { type, decoders: arr(o.decoders, `${path}.decoders`).map((d, i) => parseDecoder(d, `${path}.decoders[${i}]`)) };
    default:
      throw new UnsupportedComponentError(`${path}.${String(type)}`, DECODER_TYPES);
  }
}

/** HF wordpiece cleanup: spaces before punctuation and English contractions. */
function cleanup(s: string): string {
  return s
    .replaceAll(" .", ".")
    .replaceAll(" ?", "?")
    .replaceAll(" !", "!")
    .replaceAll(" ,", ",")
    .replaceAll(" ' ", "'")
    .replaceAll(" n't", "n't")
    .replaceAll(" 'm", "'m")
    .replaceAll(" do not", " don't")
    .replaceAll(" 's", "'s")
    .replaceAll(" 've", "'ve")
    .replaceAll(" 're", "'re");
}

const LOSSY = new TextDecoder("utf-8", { fatal: false });
const STRICT = new TextDecoder("utf-8", { fatal: true });
const UTF8 = new TextEncoder();

export function compileDecoder(c: DecoderConfig, path = "decoder"): DecodeChain {
  switch (c.type) {
    case "WordPiece":
      return (tokens) =>
        tokens.map((t, i) => {
          let s = t;
          if (i !== 0) s = s.startsWith(c.prefix) ? s.slice(c.prefix.length) : ` ${s}`;
          return c.cleanup ? cleanup(s) : s;
        });
    case "ByteLevel":
      return (tokens) => {
        const bytes: number[] = [];
        for (const t of tokens) {
          const own: number[] = [];
          let ok = true;
          for (let i = 0; i < t.length; i++) {
            const c2 = t.charCodeAt(i);
            const b = c2 < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c2] : -1;
            if (b < 0) {
              ok = false;
              break;
            }
            own.push(b);
          }
          if (ok) for (const b of own) bytes.push(b);
          else for (const b of UTF8.encode(t)) bytes.push(b);
        }
        return [LOSSY.decode(Uint8Array.from(bytes))];
      };
    case "BPEDecoder":
      return (tokens) => tokens.map((t, i) => t.replaceAll(c.suffix, i === tokens.length - 1 ? "" : " "));
    case "Replace": {
      const re = compilePattern(c.pattern, `${path}.pattern`);
      const empty = "String" in c.pattern && c.pattern.String === "";
      const segs: number[] = [];
      return (tokens) =>
        tokens.map((t) => {
          findMatches(re, t, empty, segs);
          let s = "";
          for (let k = 0; k < segs.length; k += 3) s += segs[k + 2] ? c.content : t.slice(segs[k], segs[k + 1]);
          return s;
        });
    }
    case "Strip":
      return (tokens) =>
        tokens.map((t) => {
          const chars = Array.from(t);
          let startCut = 0;
          for (let i = 0; i < Math.min(c.start, chars.length); i++) {
            if (chars[i] === c.content) startCut = i + 1;
            else break;
          }
          let stopCut = chars.length;
          for (let i = 0; i < c.stop && i < chars.length; i++) {
            const idx = chars.length - i - 1;
            if (chars[idx] === c.content) stopCut = idx;
            else break;
          }
          return chars.slice(startCut, Math.max(startCut, stopCut)).join("");
        });
    case "Fuse":
      return (tokens) => [tokens.join("")];
    case "ByteFallback":
      return (tokens) => {
        const out: string[] = [];
        let pending: number[] = [];
        const flush = (): void => {
          if (pending.length === 0) return;
          try {
            out.push(STRICT.decode(Uint8Array.from(pending)));
          } catch {
            for (let k = 0; k < pending.length; k++) out.push("\ufffd");
          }
          pending = [];
        };
        for (const t of tokens) {
          const m = t.length === 6 && t.startsWith("<0x") && t.endsWith(">") ? /^<0x([0-9A-Fa-f]{2})>$/.exec(t) : null;
          if (m) pending.push(parseInt(m[1], 16));
          else {
            flush();
            out.push(t);
          }
        }
        flush();
        return out;
      };
    case "Sequence": {
      const fns = c.decoders.map((d, i) => compileDecoder(d, `${path}.decoders[${i}]`));
      return (tokens) => {
        for (const f of fns) tokens = f(tokens);
        return tokens;
      };
    }
  }
}
