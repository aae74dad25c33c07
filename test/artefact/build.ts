/** Helpers for tests that need artefacts the writer would never produce. */
import $protobuf from "protobufjs/minimal.js";
import { frame, unframe } from "../../src/artefact/envelope.js";
import { skewless } from "../../src/artefact/generated/skewless.js";

import pb = skewless.v1;

export { pb };

export interface Split {
  major: number;
  minor: number;
  producer: string;
  body: Uint8Array;
  signatures: Uint8Array;
}

export function split(bytes: Uint8Array): Split {
  const f = unframe(bytes);
  const env = pb.Envelope.decode(f.envelope);
  return { major: f.major, minor: f.minor, producer: env.producer ?? "", body: env.body ?? new Uint8Array(0), signatures: f.signatures };
}

/** Frames parts again with a correct digest (signatures kept as given). */
export function join(p: Split): Uint8Array {
  return frame(pb.Envelope.encode({ producer: p.producer, body: p.body }).finish(), p.signatures, p.minor, p.major);
}

/** Decodes the body keeping unknown fields. */
export function decodeBody(body: Uint8Array): pb.Body {
  const r = $protobuf.Reader.create(body);
  r.discardUnknown = false;
  return pb.Body.decode(r);
}

/** Decodes the body, lets `edit` change it, re-encodes and re-frames (dropping signatures). */
export function rewrite(bytes: Uint8Array, edit: (body: pb.Body) => void): Uint8Array {
  const p = split(bytes);
  const body = decodeBody(p.body);
  edit(body);
  return join({ ...p, body: pb.Body.encode(body).finish(), signatures: new Uint8Array(0) });
}

/** A varint, as protobuf writes it. */
export function varint(v: number): number[] {
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}
