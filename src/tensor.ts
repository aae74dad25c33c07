/**
 * The tfjs edge: hot loops run on typed arrays, and a finished block becomes a tensor
 * here, once. tf.tensor2d takes the Float32Array without another conversion.
 */
import * as tf from "@tensorflow/tfjs";

export type Tensor2D = tf.Tensor2D;

export function toTensor2D(values: Float32Array | Int32Array, rows: number, cols: number): tf.Tensor2D {
  return tf.tensor2d(values, [rows, cols], values instanceof Int32Array ? "int32" : "float32");
}
