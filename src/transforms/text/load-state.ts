/**
 * Rebuilding a text transform from artefact state re-validates its stages (patterns are
 * compiled again); a stage this reader cannot build means the artefact is malformed,
 * so option errors become ArtefactErrors here.
 */
import { ArtefactError, InvalidOptionError } from "../../core/errors.js";

export function loadTextState<T>(kind: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof InvalidOptionError) throw new ArtefactError(`artefact ${kind} state is invalid: ${e.message}`);
    throw e;
  }
}
