/**
 * Errors of the subword tokenizers. A tokenizer.json (or option) naming a component this
 * library does not implement is an UnsupportedComponentError: a typed INVALID_OPTION error
 * whose `component` says which ("pre_tokenizer.Metaspace", "model.Unigram", ...), so a
 * caller can tell "not supported here" from "malformed".
 */
import { InvalidOptionError, describeValue } from "../../../core/errors.js";

export class UnsupportedComponentError extends InvalidOptionError {
  /** Where in tokenizer.json and which type, e.g. "normalizer.Precompiled". */
  readonly component: string;
  constructor(component: string, supported: readonly string[], detail = "") {
    super(
      `tokenizer component ${component} is not supported by skewless${detail ? ` (${detail})` : ""}; supported here: ${supported.join(", ")}. Convert the tokenizer to supported components or tokenize with the reference library.`,
      { value: component },
    );
    this.component = component;
  }
}

/** A malformed tokenizer.json field or option: names the path, the value and what is expected. */
export function badField(path: string, value: unknown, expected: string): InvalidOptionError {
  return new InvalidOptionError(`tokenizer field ${path} is ${describeValue(value)}; expected ${expected}`, { value: describeValue(value) });
}
