"""scikit-learn StandardScaler baseline for bench/standard-scaler.bench.ts.

Loads an n x d matrix of raw little-endian float32 written by the TypeScript benchmark,
times StandardScaler().fit(X) and .transform(X) (default copy=True, as users call it)
with time.perf_counter (and time.process_time) over several repeats, and prints one
JSON object on stdout: timings in milliseconds (samples, best, median, median CPU time),
library versions, the BLAS/threads
configuration threadpoolctl reports, and a few fitted values and output rows so the
TypeScript side can check both ran on the same data.

Usage: python3 sklearn_standard_scaler.py DATA.f32 ROWS COLS [REPEATS] [WARMUP]
"""
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.preprocessing import StandardScaler


def timings(samples, cpu_samples):
    ms = [s * 1000.0 for s in samples]
    cpu_ms = [s * 1000.0 for s in cpu_samples]
    return {"samples": ms, "best": min(ms), "median": statistics.median(ms), "cpuMedian": statistics.median(cpu_ms)}


def blas_info():
    try:
        import threadpoolctl
    except ImportError:
        return {"threadpoolctl": None, "pools": []}
    return {"threadpoolctl": threadpoolctl.__version__, "pools": threadpoolctl.threadpool_info()}


def numpy_simd():
    """numpy's own SIMD dispatch (its ufunc reductions, not BLAS, carry StandardScaler)."""
    try:
        from numpy.core import _multiarray_umath as mu
    except ImportError:
        return None
    features = getattr(mu, "__cpu_features__", {})
    dispatch = getattr(mu, "__cpu_dispatch__", [])
    return {
        "baseline": list(getattr(mu, "__cpu_baseline__", [])),
        "dispatchAvailable": [f for f in dispatch if features.get(f)],
    }


def main():
    path, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    warmup = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    x = np.fromfile(path, dtype="<f4").reshape(rows, cols)

    fit_s, transform_s, fit_cpu, transform_cpu = [], [], [], []
    scaler = out = None
    for r in range(warmup + repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        scaler = StandardScaler().fit(x)
        c1, t1 = time.process_time(), time.perf_counter()
        out = scaler.transform(x)
        c2, t2 = time.process_time(), time.perf_counter()
        if r >= warmup:
            fit_s.append(t1 - t0)
            transform_s.append(t2 - t1)
            fit_cpu.append(c1 - c0)
            transform_cpu.append(c2 - c1)

    result = {
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "sklearn": sklearn.__version__,
        },
        "blas": blas_info(),
        "numpySimd": numpy_simd(),
        "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")},
        "outputDtype": str(out.dtype),
        "fit": timings(fit_s, fit_cpu),
        "transform": timings(transform_s, transform_cpu),
        "mean": scaler.mean_.tolist(),
        "scale": scaler.scale_.tolist(),
        "firstRows": out[:8].astype(np.float64).ravel().tolist(),
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
