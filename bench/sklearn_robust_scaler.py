"""scikit-learn RobustScaler baseline for bench/quantile-sketch.bench.ts.

Loads N raw little-endian float64 values written by the TypeScript benchmark, times
RobustScaler().fit on them as one column (time.perf_counter and time.process_time, after
one warm-up), and prints one JSON object: timings in milliseconds and the fitted
center/scale, so the TypeScript side can check both saw the same data.

Usage: python3 sklearn_robust_scaler.py DATA.f64 N [REPEATS]
"""
import json
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.preprocessing import RobustScaler


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    x = np.fromfile(path, dtype="<f8", count=n).reshape(-1, 1)
    RobustScaler().fit(x)
    wall, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        s = RobustScaler().fit(x)
        wall.append((time.perf_counter() - t0) * 1000.0)
        cpu.append((time.process_time() - c0) * 1000.0)
    print(json.dumps({
        "samples": wall, "best": min(wall), "median": statistics.median(wall), "cpuMedian": statistics.median(cpu),
        "center": float(s.center_[0]), "scale": float(s.scale_[0]),
        "versions": {"numpy": np.__version__, "sklearn": sklearn.__version__},
    }))


main()
