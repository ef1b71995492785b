import { type CapacityReport, type PlanNode, type PlanReport } from '@podfit/scheduling';
import { renderHtml } from './html';
import { PAGE_CSP } from './html-page';
import {
  HOSTILE_NAMESPACE,
  HOSTILE_NODE,
  HOSTILE_WORKLOAD,
  hostilePlan,
  largePlan,
  sampleHeadroom,
  sampleMaxReplicas,
  samplePlan,
  sampleScaleOut,
  usage,
} from './testing/sample-reports';

const VOID_ELEMENTS = new Set(['meta', 'link', 'br', 'img', 'input', 'hr', 'col', 'source', 'wbr']);

/** Every opened element is closed in order (void elements and `/>` excepted); throws on the first mismatch. */
function checkNesting(page: string): void {
  const stack: string[] = [];
  const body = page.replace(/<style>[\s\S]*?<\/style>/, '').replace(/^<!DOCTYPE html>/, '');
  for (const match of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>/g)) {
    const [, closing, name, rest] = match as unknown as [string, string, string, string];
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}> at ${match.index}`);
    } else if (!VOID_ELEMENTS.has(name) && !rest.endsWith('/')) {
      stack.push(name);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(' > ')}`);
  if (/<(?![a-zA-Z/!])/.test(body.replace(/<!--[\s\S]*?-->/g, ''))) throw new Error('a bare < in the page');
}

/** The labels of the per-node charts, in order. */
const nodeLabels = (page: string): string[] => {
  const section = /<section class="nodes">[\s\S]*?<\/section>/.exec(page)![0];
  return [...section.matchAll(/<text class="label[^"]*" [^>]*>([^<]*)</g)].map((m) => m[1]!);
};

const count = (page: string, pattern: RegExp): number => page.match(new RegExp(pattern, 'g'))?.length ?? 0;

/** The rows of the first `<table class="…">` of that class. */
function tableRows(page: string, tableClass: string): string[] {
  const table = new RegExp(`<table class="${tableClass}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(page);
  if (table === null) throw new Error(`no table.${tableClass}`);
  return table[1]!.split('</tr>').filter((row) => row !== '');
}

const samples: [string, CapacityReport][] = [
  ['MaxReplicas', sampleMaxReplicas],
  ['CapacityPlan', samplePlan],
  ['ScaleOut', sampleScaleOut],
  ['Headroom', sampleHeadroom],
  ['hostile CapacityPlan', hostilePlan],
];

describe('renderHtml, every kind', () => {
  it.each(samples)('%s: one well-formed page with no script and nothing to load', (_kind, report) => {
    const page = renderHtml(report, { title: 't', createdAt: '2025-06-01', inventory: 'prod (v3)' });
    expect(page.startsWith('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">')).toBe(true);
    expect(page.endsWith('</body></html>\n')).toBe(true);
    expect(() => checkNesting(page)).not.toThrow();
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<[a-z][^>]*\ssrc=/i);
    expect(page).not.toMatch(/url\(|@import/i);
    expect(page.match(/href="[^"]*"/g)).toEqual(['href="data:,"']);
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP.replace(/'/g, '&#39;')}">`,
    );
    expect(count(page, /<svg class="chart" role="img" [^>]*><title>/)).toBe(count(page, /<svg/));
    expect(count(page, /<svg/)).toBeGreaterThan(0);
  });

  it('the nesting check catches a page that is not well formed', () => {
    expect(() => checkNesting('<p><b>x</p></b>')).toThrow('</p> closes <b>');
    expect(() => checkNesting('<section><p>x</p>')).toThrow('unclosed: section');
    expect(() => checkNesting('<p>a < b</p>')).toThrow('a bare <');
    expect(() => checkNesting('<svg><rect class="x"/></svg><meta charset="utf-8">')).not.toThrow();
  });

  it('escapes the context and says where the report came from', () => {
    const page = renderHtml(samplePlan, {
      title: '<b>nightly</b>',
      createdAt: '2025-06-01 10:00',
      inventory: 'a"b',
    });
    expect(page).toContain('<title>Capacity plan: &lt;b&gt;nightly&lt;/b&gt; · podfit</title>');
    expect(page).toContain(
      '<p class="context"><span>&lt;b&gt;nightly&lt;/b&gt;</span><span>created 2025-06-01 10:00</span><span>inventory a&quot;b</span></p>',
    );
    expect(renderHtml(samplePlan)).not.toContain('class="context"');
  });
});

describe('renderHtml, CapacityPlan', () => {
  const page = renderHtml(samplePlan);

  it('says whether the plan fits', () => {
    expect(page).toContain('<h1>Capacity plan</h1>');
    expect(page).toContain('<p class="verdict bad">Does not fit: api placed 1 of 3</p>');
    expect(renderHtml(hostilePlan)).toContain('<p class="verdict good">Fits: 1 of 1 workload placed</p>');
  });

  it('lists what fits, workload by workload', () => {
    const rows = tableRows(page, 'fits');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('<span class="name">web</span><span class="sub">Deployment · shop</span>');
    expect(rows[0]).toContain('<td class="num">10</td><td class="num">10</td><td class="yes">✓ fits</td>');
    expect(rows[1]).toContain(
      '<td class="num">3</td><td class="num">1</td><td class="no">✗ 2 short</td><td>cpu</td>',
    );
    expect(rows[1]).toContain('<td class="message">0/3 nodes are available: 3 Insufficient cpu.</td>');
  });

  it('draws utilisation before and after for every resource, with its table', () => {
    const rows = tableRows(page, 'utilisation');
    expect(rows.map((row) => /<td class="name">([^<]*)<\/td>/.exec(row)![1])).toEqual([
      'cpu',
      'memory',
      'pods',
    ]);
    expect(rows[0]).toContain(
      '<td class="num">12</td><td class="num">3500m</td><td class="num">10500m</td><td class="num">1500m</td><td class="num">29%</td><td class="num">87%</td>',
    );
    expect(count(page, /class="bar-after"/)).toBe(3);
  });

  it('stacks each node: requested before, then placed by the plan, for cpu and memory', () => {
    // cpu and memory charts, 3 nodes each, every node got pods; plus 3 before-bars in the utilisation chart.
    expect(count(page, /<rect class="bar-placed"/)).toBe(6);
    expect(count(page, /<rect class="bar-before"/)).toBe(9);
    expect(page).toContain('<p class="note">3 nodes, most allocated first.</p>');
    // node-b (100 % cpu after) first, node-a (75 %) last.
    expect(nodeLabels(page)).toEqual(['node-b', 'node-c', 'node-a', 'node-b', 'node-c', 'node-a']);
    expect(page).toContain(
      '<title>node-b: cpu 2 requested before, 4 after, of 4 allocatable (100%); 1 pod of the plan placed</title>',
    );
  });

  it('bar widths follow the quantities: node-c cpu 500m before, 3000m placed, of 4', () => {
    const nodeC = /<title>node-c: cpu[\s\S]*?<\/g>/.exec(page)![0];
    const track = Number(/class="bar-track" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/.exec(nodeC)![1]);
    const before = Number(/class="bar-before" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/.exec(nodeC)![1]);
    const placed = Number(/class="bar-placed" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/.exec(nodeC)![1]);
    expect(before / track).toBeCloseTo(0.125, 2);
    expect(placed / track).toBeCloseTo(0.75, 2);
  });

  it('leaves out of the chart a resource the cluster has none of, and keeps it in the table', () => {
    const withHugepages: PlanReport = {
      ...samplePlan,
      cluster: {
        before: [...samplePlan.cluster.before, usage('hugepages-2Mi', '0', '0', '0', 0)],
        after: [...samplePlan.cluster.after, usage('hugepages-2Mi', '0', '0', '0', 0)],
      },
    };
    const page = renderHtml(withHugepages);
    expect(tableRows(page, 'utilisation')).toHaveLength(4);
    expect(page).toContain('<td class="name">hugepages-2Mi</td>');
    expect([...page.matchAll(/<text class="heading" [^>]*>([^<]*)</g)].map((m) => m[1])).toEqual([
      'cpu',
      'memory',
      'pods',
    ]);
  });

  it('lists the warnings', () => {
    expect(page).toContain(
      '<li><span class="name">shop/api</span> <code>spec.template.spec.topologySpreadConstraints[0]</code> no node has the zone label</li>',
    );
    expect(renderHtml(sampleHeadroom)).not.toContain('<h2>Warnings</h2>');
  });

  it('keeps names from manifests as text', () => {
    const hostile = renderHtml(hostilePlan);
    expect(hostile).toContain('<span class="name">&lt;script&gt;alert(1)&lt;/script&gt;</span>');
    expect(hostile).toContain('<span class="sub">Deployment · team &quot;a&quot; &amp; &#39;b&#39;</span>');
    expect(hostile).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(hostile).toContain('<title>=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;): cpu');
    for (const name of [HOSTILE_WORKLOAD, HOSTILE_NAMESPACE, HOSTILE_NODE])
      expect(hostile).not.toContain(name);
    expect(hostile).not.toMatch(/<img/i);
  });

  it('draws at most 60 nodes, the most allocated, and says how many it leaves out', () => {
    const node = (name: string, cpuAfter: string, percent: number): PlanNode => ({
      name,
      template: null,
      unschedulable: false,
      placed: 1,
      before: [usage('cpu', '4', '0', '4', 0)],
      after: [usage('cpu', '4', cpuAfter, '0', percent)],
    });
    const nodes = [node('idle', '0', 0)];
    for (let i = 0; i < 58; i++) nodes.push(node(`half-${i}`, '2', 50));
    nodes.push(node('quarter', '1', 25), node('busy', '4', 100));
    const plan: PlanReport = { ...hostilePlan, nodes };
    const many = renderHtml(plan);
    expect(many).toContain('Showing 60 of 61 nodes, most allocated first');
    const labels = nodeLabels(many);
    expect(labels).toHaveLength(60);
    expect(labels[0]).toBe('busy');
    expect(labels[59]).toBe('quarter');
    expect(labels).not.toContain('idle');
  });

  it('keeps a 5,000-node plan small', () => {
    const big = renderHtml(largePlan(5000));
    expect(Buffer.byteLength(big)).toBeLessThan(100_000);
    expect(big).toContain('Showing 60 of 5,000 nodes, most allocated first');
    expect(count(big, /<rect class="bar-track"/)).toBe(2 * 60 + 4);
  });
});

describe('renderHtml, MaxReplicas', () => {
  const page = renderHtml(sampleMaxReplicas);

  it('tables each workload, with the replica cap in words', () => {
    expect(page).toContain('<p class="verdict info">Replicas that fit: web 14, crunch 1,000</p>');
    const rows = tableRows(page, 'max-replicas');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(
      '<td class="num">14</td><td class="num">3</td><td>memory</td><td class="message">0/3 nodes are available: 3 Insufficient memory.</td>',
    );
    expect(rows[1]).toContain(
      '<td class="num">1,000</td><td class="num">3</td><td class="muted">—</td><td>Stopped at the replica cap: more replicas may fit.</td>',
    );
  });

  it('charts replicas per node, most first', () => {
    expect(count(page, /<rect class="bar-replicas"/)).toBe(6);
    const web = /<title>Replicas of web per node<\/title>[\s\S]*?<\/svg>/.exec(page)![0];
    expect([...web.matchAll(/<text class="value" [^>]*>([^<]*)</g)].map((m) => m[1])).toEqual([
      '7',
      '4',
      '3',
    ]);
  });

  it('says one workload in a sentence', () => {
    const [web, crunch] = sampleMaxReplicas.workloads;
    expect(renderHtml({ ...sampleMaxReplicas, workloads: [web!] })).toContain(
      '>14 replicas of web fit, limited by memory</p>',
    );
    expect(renderHtml({ ...sampleMaxReplicas, workloads: [crunch!] })).toContain(
      '>1,000 replicas of crunch fit, stopped at the replica cap</p>',
    );
    expect(
      renderHtml({ ...sampleMaxReplicas, workloads: [{ ...web!, maxReplicas: 0, perNode: {} }] }),
    ).toContain('<p class="verdict bad">0 replicas of web fit, limited by memory</p>');
  });
});

describe('renderHtml, ScaleOut', () => {
  const page = renderHtml(sampleScaleOut);

  it('recommends a template and highlights it', () => {
    expect(page).toContain('<h1>Scale-out</h1>');
    expect(page).toContain(
      '<p class="verdict info">Add 2 m5.xlarge nodes (0.384 per hour) so every workload fits</p>',
    );
    const rows = tableRows(page, 'options');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(
      '<tr class="recommended"><td><span class="name">m5.xlarge</span><span class="badge">recommended</span></td><td class="num">2</td><td class="num">0.192</td><td class="num">0.384</td>',
    );
    expect(rows[2]).toContain(
      '<td class="num">—</td><td class="num">0.085</td><td class="num">—</td><td class="message">0/4 nodes are available',
    );
    expect(count(page, /class="recommended"/)).toBe(1);
  });

  it('shows the plan with the added nodes marked', () => {
    expect(page).toContain('With 2 added nodes: m5.xlarge-1, m5.xlarge-2.');
    expect(tableRows(page, 'fits')).toHaveLength(2);
    expect(
      count(page, /<text class="label added" [^>]*>m5\.xlarge-\d<tspan class="tag" dx="4">new<\/tspan>/),
    ).toBe(4);
  });

  it('says when the plan fits as is, or when nothing makes it fit', () => {
    expect(renderHtml({ ...sampleScaleOut, fitsAsIs: true, recommended: null })).toContain(
      '<p class="verdict good">Fits as is: no node to add</p>',
    );
    expect(renderHtml({ ...sampleScaleOut, recommended: null })).toContain(
      '<p class="verdict bad">Does not fit: no node template makes every workload fit</p>',
    );
  });
});

describe('renderHtml, Headroom', () => {
  const page = renderHtml(sampleHeadroom);

  it('sums up the reference pods that fit', () => {
    expect(page).toContain(
      '<p class="verdict info">10 more reference pods fit on 4 nodes (cpu 55%, memory 35% requested)</p>',
    );
    expect(
      renderHtml({
        ...sampleHeadroom,
        referencePod: null,
        total: { ...sampleHeadroom.total, referencePods: null },
      }),
    ).toContain('<p class="verdict info">4 nodes: cpu 55%, memory 35% requested</p>');
  });

  it('charts requested against free per group and in total', () => {
    expect(count(page, /<rect class="bar-requested"/)).toBe(8);
    expect(count(page, /<rect class="bar-free"/)).toBe(8);
    const cpu = /<title>cpu requested and free per node group<\/title>[\s\S]*?<\/svg>/.exec(page)![0];
    expect([...cpu.matchAll(/<text class="label[^"]*" [^>]*>([^<]*)</g)].map((m) => m[1])).toEqual([
      'c5.2xlarge',
      'm5.xlarge',
      'no label',
      'All nodes',
    ]);
  });

  it('tables the groups with their reference pods, then the nodes', () => {
    const groups = tableRows(page, 'groups');
    expect(groups).toHaveLength(4);
    expect(groups[1]).toContain(
      '<td class="name">m5.xlarge</td><td class="num">2</td><td class="num">5</td><td class="num">37%</td><td class="num">22Gi</td><td class="num">31%</td><td class="num">207</td><td class="num">5%</td><td class="num">6</td>',
    );
    expect(groups[3]).toContain('<tr class="total"><td class="name">All nodes</td><td class="num">4</td>');
    const nodes = tableRows(page, 'nodes');
    expect(nodes).toHaveLength(4);
    expect(nodes[1]).toContain(
      '<span class="name">node-b</span><span class="badge cordoned">cordoned</span><span class="sub">m5.xlarge</span>',
    );
  });

  it('leaves out of the tables a resource the cluster has none of', () => {
    const total = {
      ...sampleHeadroom.total,
      resources: [...sampleHeadroom.total.resources, usage('hugepages-1Gi', '0', '0', '0', 0)],
    };
    const page = renderHtml({ ...sampleHeadroom, total });
    expect(page).not.toContain('hugepages-1Gi');
    expect(tableRows(page, 'groups')[3]).toContain(
      '<td class="num">411</td><td class="num">6%</td><td class="num">10</td>',
    );
  });

  it('lists at most 100 nodes and says so', () => {
    const nodes = Array.from({ length: 150 }, (_, i) => ({ ...sampleHeadroom.nodes[0]!, name: `n-${i}` }));
    const many = renderHtml({ ...sampleHeadroom, nodes });
    expect(tableRows(many, 'nodes')).toHaveLength(100);
    expect(many).toContain('The first 100 of 150 nodes in inventory order; the CSV has every node.');
  });
});
