/** The error for a transform-time cell that is not a number (slow path of the apply loops). */
import { type NumericValue, badType } from "../../core/columns.js";
import { nonFiniteOutput } from "./errors.js";

/** Missing (null/undefined) -> the "put an imputer first" error; any other non-number -> the wrong-type error. */
export function notANumber(kind: string, name: string, row: number, feature: number, value: NumericValue | unknown, cols: number): never {
  if (value == null) throw nonFiniteOutput(kind, name, row, feature, value, cols);
  throw badType(`${kind} "${name}"`, row, feature, value, cols);
}
