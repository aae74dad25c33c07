import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
const ok = await tf.setBackend("wasm");
console.log("wasm backend", ok, tf.getBackend());
const x = tf.tensor4d(Float32Array.from({ length: 224 * 224 * 3 }, (_, i) => i % 256), [1, 224, 224, 3]);
const y = tf.image.resizeBilinear(x, [64, 64], false, true);
console.log(y.shape, y.dataSync().slice(0, 4));
