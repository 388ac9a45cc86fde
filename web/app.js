/* app.js — the dyad page: the actor network (cytoscape) of the filtered
 * events, an actor's events with their evidence, and a dyad's timeline
 * (uPlot).  Talks only to the API of the server that served it. */
'use strict';

const QUAD = ['', 'verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
const COOP = '#2471a3', CONF = '#c0392b', NEUTRAL = '#7f8c8d';
let cy = null, plot = null;

function $(id) { return document.getElementById(id); }

function filters() {
  const p = new URLSearchParams();
  const since = $('f-since').value, until = $('f-until').value;
  const cls = $('f-class').value, actor = $('f-actor').value.trim().toUpperCase();
  const status = $('f-status').value;
  if (since) p.set('since', since);
  if (until) p.set('until', until);
  if (cls && cls !== 'all') p.set('class', cls);
  /* none: the API's default, what the text says happened */
  if (status) p.set('status', status);
  if (actor) p.set('actor_code', actor);
  return p;
}

async function api(path, params) {
  const url = '/api/' + path + (params && [...params].length ? '?' + params.toString() : '');
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

async function loadTotals() {
  try {
    const t = await api('totals');
    $('totals').textContent = `${t.documents} documents · ${t.events} events · ${t.mentions} reports · ${t.actors} actors`;
  } catch (e) { $('totals').textContent = 'store unavailable: ' + e.message; }
}

function edgeColor(e) { return e.tone === 'conflict' ? CONF : e.tone === 'cooperation' ? COOP : NEUTRAL; }

async function loadNetwork() {
  let net;
  try { net = await api('network', filters()); }
  catch (e) { $('graph-empty').textContent = 'Error: ' + e.message; $('graph-empty').hidden = false; return; }
  const elements = [];
  for (const n of net.nodes)
    elements.push({ data: { id: n.id, label: n.name && n.name !== n.id ? `${n.name}\n${n.id}` : n.id,
                            weight: n.out_events + n.in_events } });
  for (const e of net.edges)
    elements.push({ data: { id: e.source + '>' + e.target, source: e.source, target: e.target,
                            events: e.events, goldstein: e.goldstein, quad: e.quad, color: edgeColor(e),
                            width: Math.min(1.5 + Math.log2(e.events) * 1.5, 10) } });
  $('graph-empty').hidden = net.nodes.length > 0;
  $('graph-empty').textContent = 'No events match these filters.';
  if (cy) cy.destroy();
  cy = cytoscape({
    container: $('graph'),
    elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: {
          'label': 'data(label)', 'text-wrap': 'wrap', 'font-size': 10, 'text-valign': 'center',
          'background-color': '#f4f6f7', 'border-width': 1, 'border-color': '#566573', 'shape': 'round-rectangle',
          'width': 'label', 'height': 'label', 'padding': '6px' } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#d4ac0d' } },
      { selector: 'edge', style: {
          'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': 'data(color)',
          'target-arrow-color': 'data(color)', 'width': 'data(width)', 'label': 'data(events)',
          'font-size': 9, 'text-background-color': '#fff', 'text-background-opacity': 0.8 } },
    ],
    layout: { name: elements.length > 400 ? 'grid' : 'cose', animate: false, randomize: false,
              nodeRepulsion: () => 9000, idealEdgeLength: () => 90, padding: 20 },
  });
  window.dyadGraph = cy; /* for the browser test and the console */
  cy.on('tap', 'node', ev => showActor(ev.target.id()));
  cy.on('tap', 'edge', ev => {
    $('t-source').value = ev.target.data('source');
    $('t-target').value = ev.target.data('target');
    loadTimeline();
  });
}

async function showActor(code) {
  const p = filters();
  p.set('actor_code', code);
  p.set('limit', '200');
  $('side-title').textContent = 'Events of ' + code;
  $('side-hint').textContent = 'loading…';
  const list = $('events');
  list.replaceChildren();
  let r;
  try { r = await api('events', p); }
  catch (e) { $('side-hint').textContent = 'Error: ' + e.message; return; }
  $('side-hint').textContent = `${r.count} events${r.count === 200 ? ' (first 200)' : ''}, newest first`;
  for (const ev of r.events) {
    const li = el('li');
    li.className = 'event';
    const head = el('div', 'meta');
    const tgt = ev.target ? ev.target.name + ' (' + ev.target.code + ')' : '—';
    head.append(el('strong', null, `${ev.source.name} (${ev.source.code}) → ${tgt}`), ' ');
    head.append(el('span', 'q' + ev.quad_class, `${ev.code} ${QUAD[ev.quad_class] || ''}`), ' · ', ev.date || '', ' ');
    head.append(el('span', 'status ' + ev.status, ev.status));
    li.append(head);
    if (ev.sentence) li.append(el('div', 'sent', '“' + ev.sentence + '”'));
    const src = el('div', 'meta');
    const srcs = (ev.sources || []).join(', ');
    let txt = `source: ${srcs || ev.doc_id}` + (ev.mentions > 1 ? ` · ${ev.mentions} reports` : '');
    if (ev.attribution) txt += ` · according to ${ev.attribution.name}`;
    if (ev.location) txt += ` · in ${ev.location.name}`;
    src.textContent = txt;
    li.append(src);
    list.append(li);
  }
}

async function loadTimeline() {
  const p = filters();
  p.delete('actor_code');
  const s = $('t-source').value.trim().toUpperCase(), t = $('t-target').value.trim().toUpperCase();
  if (s) p.set('source', s);
  if (t) p.set('target', t);
  p.set('by', $('t-by').value);
  let r;
  try { r = await api('timeline', p); }
  catch (e) { $('t-status').textContent = 'Error: ' + e.message; return; }
  $('t-status').textContent = `${s || 'any'} → ${t || 'any'}: ${r.series.reduce((a, x) => a + x.events, 0)} events in ${r.series.length} periods`;
  const toTime = per => {
    if (/^\d{4}-W\d{2}$/.test(per)) {
      const y = +per.slice(0, 4), w = +per.slice(6);
      return Date.UTC(y, 0, 1 + w * 7) / 1000;
    }
    const [y, m] = per.split('-');
    return Date.UTC(+y, m ? +m - 1 : 0, 1) / 1000;
  };
  /* Periods without events are zeros, not gaps the line jumps across. */
  const by = $('t-by').value;
  if ((by === 'month' || by === 'year') && r.series.length > 1 && r.series.length < 2400) {
    const have = new Map(r.series.map(x => [x.period, x]));
    const filled = [];
    let [y, m] = r.series[0].period.split('-').map(Number);
    const last = r.series[r.series.length - 1].period;
    for (;;) {
      const per = by === 'year' ? String(y) : `${y}-${String(m).padStart(2, '0')}`;
      filled.push(have.get(per) || { period: per, events: 0, mentions: 0, quad: [0, 0, 0, 0], goldstein: 0 });
      if (per >= last) break;
      if (by === 'year') y++;
      else if (++m > 12) { m = 1; y++; }
    }
    r.series = filled;
  }
  const xs = r.series.map(x => toTime(x.period));
  const coop = r.series.map(x => x.quad[0] + x.quad[1]);
  const conf = r.series.map(x => x.quad[2] + x.quad[3]);
  const gold = r.series.map(x => x.goldstein);
  if (plot) plot.destroy();
  const width = Math.max(300, $('timeline').clientWidth - 20);
  plot = new uPlot({
    width, height: 220,
    series: [
      {},
      { label: 'cooperation', stroke: COOP, width: 2, points: { show: true } },
      { label: 'conflict', stroke: CONF, width: 2, points: { show: true } },
      { label: 'Goldstein sum', stroke: '#555', dash: [4, 4], scale: 'g' },
    ],
    axes: [{}, { label: 'events' }, { side: 1, scale: 'g', label: 'Goldstein', grid: { show: false } }],
    /* One period alone would get a range of years: pad it to a month each side. */
    scales: { x: xs.length === 1 ? { time: true, range: [xs[0] - 30 * 86400, xs[0] + 30 * 86400] } : { time: true } },
  }, [xs, coop, conf, gold], $('timeline'));
}

$('filters').addEventListener('submit', ev => { ev.preventDefault(); loadNetwork(); });
$('dyad-form').addEventListener('submit', ev => { ev.preventDefault(); loadTimeline(); });
loadTotals();
loadNetwork();
loadTimeline();
