// page.mjs URL SCREENSHOT CHROMIUM — drives the dyad page in headless
// Chromium and checks: the network is drawn with coloured edges, a click on
// an actor lists its events with sentence, status and source, the class
// filter redraws, the timeline charts a dyad; no console errors.
import { chromium } from 'playwright-core';

const [url, shot, exe] = process.argv.slice(2);
let failed = 0, passed = 0;
function check(cond, what) {
  if (cond) passed++;
  else { failed++; console.log('FAIL ' + what); }
}

const browser = await chromium.launch({
  executablePath: exe,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', e => errors.push(String(e)));
  page.on('requestfailed', r => errors.push('request failed: ' + r.url()));
  // Everything must come from the server itself (no CDN).
  const outside = [];
  page.on('request', r => { if (!r.url().startsWith(url)) outside.push(r.url()); });

  await page.goto(url);
  await page.waitForFunction(() => window.dyadGraph && window.dyadGraph.nodes().length > 0, null, { timeout: 15000 });
  const g = await page.evaluate(() => ({
    nodes: dyadGraph.nodes().length,
    edges: dyadGraph.edges().length,
    coop: dyadGraph.$id('IRN>AFGINSTAL').data('color'),
    conf: dyadGraph.$id('RUSMIL>UKR').data('color'),
  }));
  // The hypothetical USAGOV 163 RUSGOV is not drawn (the network counts
  // what the text says happened).
  check(g.nodes === 7, `7 actors drawn, got ${g.nodes}`);
  check(g.edges === 7, `7 dyads drawn, got ${g.edges}`);
  check(g.coop === '#2471a3', `cooperation edge blue, got ${g.coop}`);
  check(g.conf === '#c0392b', `conflict edge red, got ${g.conf}`);
  await page.waitForFunction(() => /documents/.test(document.getElementById('totals').textContent));
  check(/3 documents · 10 events/.test(await page.textContent('#totals')), 'totals in the header');

  // A real mouse click on the Taliban node.
  const pos = await page.evaluate(() => {
    const n = dyadGraph.$id('AFGINSTAL'), p = n.renderedPosition();
    const r = document.getElementById('graph').getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  });
  await page.mouse.click(pos.x, pos.y);
  await page.waitForSelector('#events li', { timeout: 10000 });
  const items = await page.$$eval('#events li', ls => ls.map(l => l.textContent));
  // By default what the text says happened: Putin's denied arming of the
  // Taliban is not listed.
  check(items.length === 4, `4 events of the Taliban listed, got ${items.length}`);
  check(!items.some(t => t.includes('denied')), 'no denied event listed by default');
  const arming = items.find(t => t.includes('arming the Taliban'));
  check(!!arming, 'the sentence is shown');
  check(arming && arming.includes('alleged') && arming.includes('story-a, story-b') && arming.includes('2 reports'),
        'status, sources and report count are shown: ' + arming);

  // Timeline of Russia → anyone, by month.
  await page.fill('#t-source', 'RUS');
  await page.click('#t-apply');
  await page.waitForFunction(() => /RUS → any: 3 events in 2 periods/.test(document.getElementById('t-status').textContent),
                             null, { timeout: 10000 });
  check(await page.$('#timeline .uplot canvas') !== null, 'the timeline is drawn');

  // Conflict only: every edge red.
  await page.selectOption('#f-class', 'conflict');
  await page.click('#f-apply');
  await page.waitForFunction(() => window.dyadGraph.edges().length === 3, null, { timeout: 10000 });
  const colours = await page.evaluate(() => [...new Set(dyadGraph.edges().map(e => e.data('color')))]);
  check(colours.length === 1 && colours[0] === '#c0392b', 'conflict filter leaves red edges: ' + colours);
  await page.selectOption('#f-class', 'all');
  await page.click('#f-apply');
  await page.waitForFunction(() => window.dyadGraph.edges().length === 7, null, { timeout: 10000 });
  const pos2 = await page.evaluate(() => {
    const n = dyadGraph.$id('AFGINSTAL'), p = n.renderedPosition();
    const r = document.getElementById('graph').getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  });
  await page.mouse.click(pos2.x, pos2.y);

  // Every status: the hypothetical USAGOV 163 RUSGOV is drawn, the denied
  // arming listed, and the timeline counts it.
  await page.selectOption('#f-status', 'all');
  await page.click('#f-apply');
  await page.waitForFunction(() => window.dyadGraph.edges().length === 8, null, { timeout: 10000 });
  check(await page.evaluate(() => dyadGraph.$id('USAGOV>RUSGOV').length === 1), 'status all draws the hypothetical edge');
  const pos3 = await page.evaluate(() => {
    const n = dyadGraph.$id('AFGINSTAL'), p = n.renderedPosition();
    const r = document.getElementById('graph').getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  });
  await page.mouse.click(pos3.x, pos3.y);
  await page.waitForFunction(() => document.querySelectorAll('#events li').length === 5, null, { timeout: 10000 });
  check((await page.$$eval('#events li', ls => ls.map(l => l.textContent))).some(t => t.includes('denied')),
        'status all lists the denied event');
  await page.fill('#t-source', 'RUS');
  await page.click('#t-apply');
  await page.waitForFunction(() => /RUS → any: 4 events in 3 periods/.test(document.getElementById('t-status').textContent),
                             null, { timeout: 10000 });
  await page.waitForTimeout(300);

  await page.screenshot({ path: shot, fullPage: true });
  check(errors.length === 0, 'no console errors: ' + errors.join(' | '));
  check(outside.length === 0, 'no request leaves the server: ' + outside.join(' '));
} catch (e) {
  failed++;
  console.log('FAIL ' + e.message);
} finally {
  await browser.close();
}
console.log(`web: ${passed} passed, ${failed} failed (screenshot ${shot})`);
process.exit(failed ? 1 : 0);
