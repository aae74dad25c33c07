"""scikit-learn StandardScaler baseline for bench/standard-scaler.bench.ts.

Loads an n x d matrix of raw little-endian float32 written by the TypeScript benchmark,
times StandardScaler().fit(X) and .transform(X) (default copy=True, as users call it)
with time.perf_counter over several repeats, and prints one JSON object on stdout:
timings in milliseconds (samples, best, median), library versions, the BLAS/threads
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


def timings(samples):
    ms = [s * 1000.0 for s in samples]
    return {"samples": ms, "best": min(ms), "median": statistics.median(ms)}


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

    fit_s, transform_s = [], []
    scaler = out = None
    for r in range(warmup + repeats):
        t0 = time.perf_counter()
        scaler = StandardScaler().fit(x)
        t1 = time.perf_counter()
        out = scaler.transform(x)
        t2 = time.perf_counter()
        if r >= warmup:
            fit_s.append(t1 - t0)
            transform_s.append(t2 - t1)

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
        "fit": timings(fit_s),
        "transform": timings(transform_s),
        "mean": scaler.mean_.tolist(),
        "scale": scaler.scale_.tolist(),
        "firstRows": out[:8].astype(np.float64).ravel().tolist(),
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
