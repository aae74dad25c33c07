import bench from "./embedding.bench.js";
import { renderBench } from "./report.js";
const r = await bench({ tmpDir: "/tmp", python: "/usr/bin/python3" });
console.log(renderBench(r));
for (const g of r.goals) console.log(g.met ? "met " : "NOT ", g.goal, g.measured);
