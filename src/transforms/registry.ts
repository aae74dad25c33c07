/** Kind name -> how to rebuild a fitted transform from its artefact state. */
import type { Kind, StateByKind } from "../artefact/states.js";
import { StandardScaler } from "./numeric/standard-scaler.js";

/** Every class loadArtefact can return. */
export type LoadedTransform = StandardScaler;

type Factory<K extends Kind> = (state: StateByKind[K], name: string, children: LoadedTransform[]) => LoadedTransform;

export const FACTORIES: { [K in Kind]?: Factory<K> } = {
  StandardScaler: (s, name) => StandardScaler.fromState(s, name),
};
