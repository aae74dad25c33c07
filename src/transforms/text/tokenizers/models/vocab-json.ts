/** tokenizer.json "vocab" objects (token -> id) <-> tokens by id. */
import { badField } from "../errors.js";
import { obj } from "../json-fields.js";

export function parseVocab(v: unknown, path: string): string[] {
  const o = obj(v, path);
  const entries = Object.entries(o);
  const tokens: string[] = new Array(entries.length);
  for (const [token, id] of entries) {
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id >= entries.length) {
      throw badField(`${path}[${JSON.stringify(token)}]`, id, `an id in 0..${entries.length - 1} (skewless needs vocabulary ids without holes)`);
    }
    if (tokens[id] !== undefined) throw badField(`${path}[${JSON.stringify(token)}]`, id, `an id no other token has (${JSON.stringify(tokens[id])} has it too)`);
    if (!token.isWellFormed()) throw badField(`${path} token`, token, "a well-formed Unicode string");
    tokens[id] = token;
  }
  return tokens;
}

/** JSON text of the vocab object, ids increasing (HF's OrderedVocabIter). */
export function vocabObject(tokens: readonly string[]): Record<string, number> {
  // Built on a null-prototype object so a token named "__proto__" is an ordinary key.
  const o: Record<string, number> = Object.create(null);
  tokens.forEach((t, i) => (o[t] = i));
  return o;
}
