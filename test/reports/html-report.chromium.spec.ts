// The HTML reports in a real browser: Debian's headless Chromium through playwright-core (no browser is
// downloaded). Each page must load with no console error, request nothing but itself, draw its charts
// with visible bars, and keep names from manifests as text. Screenshots of the plan and headroom pages are
// left in /tmp for people to look at. If Chromium cannot start, every test here fails.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type CapacityReport } from '@podfit/scheduling';
import { PAGE_CSP, renderHtml } from '@podfit/reports';
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
} from '../../libs/reports/src/testing/sample-reports';

jest.setTimeout(60_000);

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const CONTEXT = { title: 'podfit capacity', createdAt: '2025-06-01 10:00 UTC', inventory: 'prod-eu (v12)' };
/** --main in html-style.ts, as the browser computes it. */
const MAIN_BLUE = 'rgb(47, 107, 208)';

interface Opened {
  readonly page: Page;
  readonly url: string;
  /** Console errors and warnings, uncaught page errors. */
  readonly problems: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

let browser: Browser;
let dir: string;
const pages: Page[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podfit-reports-'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
});

async function newPage(): Promise<Omit<Opened, 'url'>> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  pages.push(page);
  const problems: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { page, problems, requests, dialogs };
}

/** Writes the page to a file and opens it. */
async function openFile(name: string, text: string): Promise<Opened> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, text);
  const opened = await newPage();
  const url = pathToFileURL(file).href;
  await opened.page.goto(url, { waitUntil: 'load' });
  return { ...opened, url };
}

async function openReport(name: string, report: CapacityReport): Promise<Opened> {
  return openFile(name, renderHtml(report, CONTEXT));
}

function expectClean(opened: Opened): void {
  expect(opened.problems).toEqual([]);
  expect(opened.requests).toEqual([opened.url]);
  expect(opened.dialogs).toEqual([]);
}

/** Rendered widths, in CSS pixels, of the elements the selector finds. */
function widths(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (elements) =>
    elements.map((element) => element.getBoundingClientRect().width),
  );
}

function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) => elements.map((element) => element.textContent ?? ''));
}

/** A CSS property as the browser computes it for the first element the selector finds. */
function style(page: Page, selector: string, property: string): Promise<string> {
  return page.$eval(
    selector,
    (element, name) =>
      element.ownerDocument.defaultView?.getComputedStyle(element).getPropertyValue(name) ?? '',
    property,
  );
}

/** Every chart is an svg with role="img" and a non-empty title as its first child. */
async function charts(page: Page): Promise<{ role: string | null; title: string }[]> {
  return page.$$eval('svg', (svgs) =>
    svgs.map((svg) => ({
      role: svg.getAttribute('role'),
      title: svg.firstElementChild?.tagName === 'title' ? (svg.firstElementChild.textContent ?? '') : '',
    })),
  );
}

describe('HTML reports in headless Chromium', () => {
  it('Capacity plan: what fits, utilisation and per-node stacked bars', async () => {
    const opened = await openReport('plan', samplePlan);
    const { page } = opened;
    expectClean(opened);
    expect(await page.title()).toBe('Capacity plan: podfit capacity · podfit');
    expect(await texts(page, 'p.verdict')).toEqual(['Does not fit: api placed 1 of 3']);

    const svgs = await charts(page);
    expect(svgs).toHaveLength(3);
    for (const svg of svgs) expect(svg).toEqual({ role: 'img', title: expect.stringMatching(/\w/) });

    const placed = await widths(page, 'rect.bar-placed');
    expect(placed).toHaveLength(6);
    for (const width of placed) expect(width).toBeGreaterThan(0);
    expect(await style(page, 'rect.bar-placed', 'fill')).toBe(MAIN_BLUE);

    // node-c's cpu: 500m before and 3 cpu placed, of 4: an eighth of the track, then three quarters.
    const nodeC = await page.$$eval('section.nodes figure:first-of-type g.row', (rows) => {
      const row = rows.find((g) => g.querySelector('title')?.textContent?.startsWith('node-c:'));
      const width = (selector: string) => row?.querySelector(selector)?.getBoundingClientRect().width ?? NaN;
      return { track: width('.bar-track'), before: width('.bar-before'), placed: width('.bar-placed') };
    });
    expect(nodeC.before / nodeC.track).toBeCloseTo(0.125, 2);
    expect(nodeC.placed / nodeC.track).toBeCloseTo(0.75, 2);

    expect(await texts(page, 'table.fits tbody tr td:first-child .name')).toEqual(['web', 'api']);
    expect(await texts(page, 'table.fits tbody tr td:nth-child(4)')).toEqual(['✓ fits', '✗ 2 short']);
    expect(await texts(page, 'table.utilisation tbody tr td:first-child')).toEqual(['cpu', 'memory', 'pods']);

    await page.screenshot({ path: '/tmp/podfit-plan-report.png', fullPage: true });
  });

  it('keeps names from manifests as text: no script runs, no element is injected', async () => {
    const opened = await openReport('hostile', hostilePlan);
    const { page } = opened;
    expectClean(opened);
    expect(await page.$$eval('script, img, iframe, object', (found) => found.length)).toBe(0);
    expect(await texts(page, 'table.fits tbody .name')).toEqual([HOSTILE_WORKLOAD]);
    expect(await texts(page, 'table.fits tbody .sub')).toEqual([`Deployment · ${HOSTILE_NAMESPACE}`]);
    expect(await texts(page, 'section.nodes g.row > title')).toEqual([
      `${HOSTILE_NODE}: cpu 0 requested before, 1 after, of 2 allocatable (50%); 1 pod of the plan placed`,
    ]);
    expect(await texts(page, 'ul.warnings li')).toEqual([
      `${HOSTILE_NAMESPACE}/${HOSTILE_WORKLOAD} spec <img src=x onerror=alert(2)>`,
    ]);
  });

  it('Max replicas: the table and a chart of replicas per node for each workload', async () => {
    const opened = await openReport('max-replicas', sampleMaxReplicas);
    const { page } = opened;
    expectClean(opened);
    expect(await charts(page)).toHaveLength(2);
    const bars = await widths(page, 'rect.bar-replicas');
    expect(bars).toHaveLength(6);
    for (const width of bars) expect(width).toBeGreaterThan(0);
    expect(await texts(page, 'table.max-replicas tbody tr td:nth-child(2)')).toEqual(['14', '1,000']);
    expect(await texts(page, 'table.max-replicas tbody tr td:nth-child(5)')).toEqual([
      '0/3 nodes are available: 3 Insufficient memory.',
      'Stopped at the replica cap: more replicas may fit.',
    ]);
  });

  it('Scale-out: the options with the recommended one highlighted, then the plan with added nodes marked', async () => {
    const opened = await openReport('scale-out', sampleScaleOut);
    const { page } = opened;
    expectClean(opened);
    expect(await texts(page, 'table.options tbody tr td:first-child .name')).toEqual([
      'm5.xlarge',
      'm5.2xlarge',
      'c5.large',
    ]);
    expect(await texts(page, 'tr.recommended td:first-child')).toEqual(['m5.xlargerecommended']);
    expect(await style(page, 'tr.recommended td', 'background-color')).not.toBe('rgba(0, 0, 0, 0)');
    expect(await texts(page, 'text.label.added')).toEqual([
      'm5.xlarge-1new',
      'm5.xlarge-2new',
      'm5.xlarge-1new',
      'm5.xlarge-2new',
    ]);
    expect((await widths(page, 'rect.bar-placed')).filter((width) => width > 0)).toHaveLength(10);
  });

  it('Headroom: requested against free per group, the groups and the nodes', async () => {
    const opened = await openReport('headroom', sampleHeadroom);
    const { page } = opened;
    expectClean(opened);
    expect(await charts(page)).toHaveLength(2);
    const requested = await widths(page, 'rect.bar-requested');
    const free = await widths(page, 'rect.bar-free');
    expect(requested).toHaveLength(8);
    expect(free).toHaveLength(8);
    for (const width of [...requested, ...free]) expect(width).toBeGreaterThan(0);
    expect(await style(page, 'rect.bar-free', 'fill')).not.toBe('rgb(0, 0, 0)');
    expect(await texts(page, 'table.groups tbody td:first-child')).toEqual([
      'c5.2xlarge',
      'm5.xlarge',
      'no label',
      'All nodes',
    ]);
    expect(await texts(page, 'table.groups tbody td:last-child')).toEqual(['3', '6', '1', '10']);
    expect(await texts(page, 'table.nodes tbody .name')).toEqual(['node-a', 'node-b', 'node-c', 'node-d']);
    await page.screenshot({ path: '/tmp/podfit-headroom-report.png', fullPage: true });
  });

  it('a 5,000-node plan stays a small page with 60 nodes drawn', async () => {
    const opened = await openReport('large-plan', largePlan(5000));
    expectClean(opened);
    expect(statSync(new URL(opened.url)).size).toBeLessThan(100_000);
    expect(
      await opened.page.$$eval('section.nodes svg', (svgs) =>
        svgs.map((svg) => svg.querySelectorAll('g.row').length),
      ),
    ).toEqual([60, 60]);
    expect(await texts(opened.page, 'section.nodes p.note')).toEqual([
      expect.stringContaining('Showing 60 of 5,000 nodes, most allocated first'),
    ]);
  });

  it('works under the Content-Security-Policy the server sends', async () => {
    const opened = await newPage();
    const url = 'http://podfit.test/v1/capacity/reports/1.html';
    await opened.page.route('**/*', (route) =>
      route.request().url() === url
        ? route.fulfill({
            status: 200,
            contentType: 'text/html; charset=utf-8',
            headers: { 'content-security-policy': PAGE_CSP },
            body: renderHtml(samplePlan, CONTEXT),
          })
        : route.abort(),
    );
    await opened.page.goto(url, { waitUntil: 'load' });
    expectClean({ ...opened, url });
    expect(await style(opened.page, 'rect.bar-before', 'fill')).toBe('rgb(163, 176, 189)');
  });

  it('these checks catch a page that loads something or runs a script', async () => {
    const leaky = await openFile(
      'leaky',
      '<!DOCTYPE html><html><head><title>x</title></head><body><img src="http://podfit.test/x.png"></body></html>',
    );
    expect(leaky.requests).toContain('http://podfit.test/x.png');
    const scripted = await openFile(
      'scripted',
      `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}"><title>x</title></head><body><script>alert(1)</script></body></html>`,
    );
    expect(scripted.dialogs).toEqual([]);
    expect(scripted.problems).toEqual([
      expect.stringContaining('violates the following Content Security Policy directive'),
    ]);
  });
});
