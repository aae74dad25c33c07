import bench from "../bench/image.bench.ts";
import { renderBench } from "../bench/report.ts";
const r = await bench({ tmpDir: "/tmp", python: "/usr/bin/python3" });
console.log(renderBench(r));
