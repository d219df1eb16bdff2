/** The parts of a V8 `.cpuprofile` the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

const TOP = 25;

/**
 * Self time by package and by function, and inclusive time by function, in
 * µs per delivery: what a change must shave to move the ratio.
 */
export function summarizeProfile(profile: CpuProfile, deliveries: number): string {
  const parent = new Map<number, number>();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const self = { byPackage: new Map<string, number>(), byFunction: new Map<string, number>() };
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = nodes.get(id);
    if (!node) return;
    add(self.byPackage, packageOf(node.callFrame), us);
    add(self.byFunction, functionOf(node.callFrame), us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = nodes.get(at)?.callFrame;
      if (frame) seen.add(functionOf(frame));
    }
    for (const key of seen) add(inclusive, key, us);
  });
  const per = (us: number) => (us / deliveries).toFixed(1).padStart(8);
  const top = (title: string, map: Map<string, number>) => [
    title,
    ...[...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([key, us]) => `${per(us)}  ${key}`),
  ];
  return [
    ...top("self µs/delivery by package", self.byPackage),
    ...top("self µs/delivery by function", self.byFunction),
    ...top("inclusive µs/delivery by function", inclusive),
  ].join("\n");
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

function packageOf({ url, functionName }: CpuProfile["nodes"][number]["callFrame"]): string {
  if (!url) return `(${functionName || "native"})`;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1] ?? url;
  if (url.startsWith("node:")) return url.split("/").slice(0, 2).join("/");
  const own = /\/(app|bench|test|contract)\/([^/]+)/.exec(url);
  return own ? `${own[1]}/${own[2]}` : url;
}

function functionOf(frame: CpuProfile["nodes"][number]["callFrame"]): string {
  const short = frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/main\//, "");
  return `${frame.functionName || "(anonymous)"} ${short}:${frame.lineNumber + 1}`;
}
