// Where a server CPU profile's time went: self and inclusive time per area (project code mapped back to its
// source through dist/api/main.js.map; packages by name), plus the hottest functions.
// Also runnable alone: node bench/http/profile-summary.mjs <file.cpuprofile>
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sourceMaps = new Map();

function sourceMapFor(url) {
  if (!sourceMaps.has(url)) {
    let map = null;
    try {
      const file = url.startsWith('file:') ? fileURLToPath(url) : url;
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    sourceMaps.set(url, map);
  }
  return sourceMaps.get(url);
}

/** [area, where] of a call frame: `libs/scheduling`, `apps/api`, `@prisma/client`, `node:internal`, `(gc)`... */
function locate(frame) {
  const { url, functionName, lineNumber, columnNumber } = frame;
  if (url === '') {
    if (functionName === '(garbage collector)') return ['(garbage collector)', functionName];
    if (functionName === '(idle)') return ['(idle)', functionName];
    if (functionName === '(program)') return ['(program: V8/native)', functionName];
    if (functionName === '(root)') return ['(root)', functionName];
    return ['(native)', functionName || '(anonymous native)'];
  }
  if (url.startsWith('node:')) return ['node core', `${url}`];
  if (url.includes('/bench/http/')) return ['(bench probe)', url.slice(url.indexOf('/bench/http/') + 1)];
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (packageMatch) return [packageMatch[1], url.slice(url.lastIndexOf('node_modules/') + 13)];
  if (url.includes('/dist/api/')) {
    const entry = sourceMapFor(url)?.findEntry(lineNumber, columnNumber);
    const source = entry?.originalSource?.replace(/^.*?(apps\/|libs\/|node_modules\/)/, '$1') ?? url;
    const area =
      /^(libs\/[^/]+|apps\/api\/src\/generated)/.exec(source)?.[1] ??
      (source.startsWith('apps/') ? 'apps/api' : source);
    return [area, `${source}:${(entry?.originalLine ?? lineNumber) + 1}`];
  }
  return ['other', url];
}

export function summarizeProfile(file, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const located = new Map(profile.nodes.map((node) => [node.id, locate(node.callFrame)]));

  const sampleMs = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    sampleMs.set(profile.samples[i], (sampleMs.get(profile.samples[i]) ?? 0) + ms);
  }

  const selfByArea = new Map();
  const inclusiveByArea = new Map();
  const selfByFunction = new Map();
  const inclusiveByFunction = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, ms] of sampleMs) {
    const [area, where] = located.get(id);
    if (area === '(idle)') {
      idle += ms;
      continue;
    }
    total += ms;
    selfByArea.set(area, (selfByArea.get(area) ?? 0) + ms);
    const name = `${byId.get(id).callFrame.functionName || '(anonymous)'} ${where}`;
    selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + ms);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const [stackArea, stackWhere] = located.get(at);
      if (stackArea === '(root)') continue;
      const fn = `${byId.get(at).callFrame.functionName || '(anonymous)'} ${stackWhere}`;
      for (const [map, key] of [
        [inclusiveByArea, stackArea],
        [inclusiveByFunction, fn],
      ]) {
        if (seen.has(key)) continue;
        seen.add(key);
        map.set(key, (map.get(key) ?? 0) + ms);
      }
    }
  }
  const wall = (profile.endTime - profile.startTime) / 1000;
  const rows = (map, limit) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: Math.round((ms / total) * 1000) / 10 }));
  return {
    file,
    wallMs: Math.round(wall),
    busyMs: Math.round(total),
    idleMs: Math.round(idle),
    selfByArea: rows(selfByArea, 20),
    inclusiveByArea: rows(inclusiveByArea, 20),
    topSelfFunctions: rows(selfByFunction, top),
    // Project functions only: where the request's time goes in podfit's own code.
    topInclusiveProjectFunctions: rows(
      new Map([...inclusiveByFunction].filter(([name]) => / (apps|libs)\//.test(name))),
      top,
    ),
  };
}

export function printProfile(summary, label) {
  console.log(
    `\nCPU profile of the server during ${label}: busy ${summary.busyMs} ms of ${summary.wallMs} ms`,
  );
  const show = (title, rows) => {
    console.log(`  ${title}`);
    for (const row of rows) console.log(`    ${String(row.percent).padStart(5)}%  ${row.name}`);
  };
  show('self time by area', summary.selfByArea.slice(0, 12));
  show('inclusive time by area (area anywhere on the stack)', summary.inclusiveByArea.slice(0, 12));
  show('hottest functions (self)', summary.topSelfFunctions);
  show('podfit functions, inclusive', summary.topInclusiveProjectFunctions);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const summary = summarizeProfile(process.argv[2], 25);
  printProfile(summary, process.argv[2]);
}
