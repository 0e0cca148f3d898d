/**
 * A realistic article library of the seed's schema, seeded so the same count gives the same bytes.
 * Sizes follow real aggregator output: median about 3 KB, mean about 18 KB, 90th percentile about
 * 53 KB, largest about 140 KB, driven by `related` lists (median 2, 90th percentile 64, max ~180).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from './random.js';

const WORDS =
  'market policy climate energy vaccine election court budget startup chip cloud model robot rocket ocean city housing transit labor union bank rate inflation trade tariff border health school privacy data security breach ransomware quantum battery solar wind grid farm drought flood storm wildfire league final record deal merger lawsuit senate council mayor minister summit treaty protest strike festival museum film album novel'.split(
    ' ',
  );
const TOPIC_WORDS =
  'AI,Machine Learning,Computer Vision,Natural Language Processing,Cloud,Kubernetes,Security,Privacy,Climate,Energy,Elections,Economy,Inflation,Housing,Health,Vaccines,Space,Robotics,Semiconductors,Startups,Venture Capital,Crypto,Banking,Trade,Education,Transport,Sports,Football,Tennis,Music,Film,Books,Art,Science,Physics,Biology,Oceans,Wildlife,Agriculture,Food,Travel,Cities,Law,Courts,Labor,Retail,Media,Gaming,Mobile,Browsers,Open Source,Databases,Quantum,Batteries,Electric Vehicles,Aviation,Shipping,Weather,Wildfires,Floods'.split(
    ',',
  );
const PROVIDERS = Array.from({ length: 150 }, (_, i) => {
  const name = ['Daily', 'Herald', 'Times', 'Post', 'Wire', 'Journal', 'Observer', 'Review', 'Ledger', 'Gazette'][i % 10]!;
  const place = ['North', 'Metro', 'Global', 'Tech', 'City', 'Valley', 'Harbor', 'Capital', 'Coast', 'Summit', 'River', 'Prairie', 'Bay', 'Union', 'Lake'][Math.floor(i / 10)]!;
  return { name: `${place} ${name}`, domain: `${place}${name}`.toLowerCase() + '.example.com' };
});

/** A few hundred distinct topics with a long tail: the base names plus numbered variants. */
const TOPICS = [...TOPIC_WORDS, ...Array.from({ length: 260 }, (_, i) => `${TOPIC_WORDS[i % TOPIC_WORDS.length]} ${['Policy', 'Research', 'Industry', 'Markets', 'Europe', 'Asia'][i % 6]} ${Math.floor(i / 6) + 1}`)];

const q = (s: string): string => JSON.stringify(s);

function sentence(r: Random, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(r.pick(WORDS));
  const text = out.join(' ');
  return text[0]!.toUpperCase() + text.slice(1);
}

function date(r: Random): string {
  const t = Date.UTC(2020, 0, 1) + r.int(0, 5 * 365 * 24 * 60) * 60_000;
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

function image(r: Random, indent: string, domain: string): string {
  const w = r.pick([600, 800, 1088, 1200, 1600]);
  const h = Math.round(w * r.pick([0.5, 0.5625, 0.66, 0.75]));
  return `${indent}- url: ${q(`https://${domain}/images/${r.hex(12)}.jpg?w=${w}`)}\n${indent}  width: ${w}\n${indent}  height: ${h}\n${indent}  isCached: ${r.chance(0.8)}\n`;
}

function related(r: Random): string {
  const p = r.pick(PROVIDERS);
  const slug = r.hex(10);
  let out = `  - title: ${q(sentence(r, r.int(5, 12)))}\n`;
  if (r.chance(0.9)) out += `    excerpt: ${q(sentence(r, r.int(22, 48)))}\n`;
  out += `    publishedDateTime: ${date(r)}\n    webUrl: ${q(`https://www.${p.domain}/news/${slug}`)}\n`;
  if (r.chance(0.65)) out += `    ampWebUrl: ${q(`https://www.${p.domain}/news/${slug}/amp/`)}\n    cdnAmpWebUrl: ${q(`https://www-${p.domain.replace(/\./g, '-')}.cdn.ampproject.org/c/s/www.${p.domain}/news/${slug}/amp/`)}\n`;
  out += `    type: article\n    provider:\n      name: ${p.name}\n      domain: ${p.domain}\n    quality: ${r.int(0, 150)}\n`;
  if (r.chance(0.8)) out += `    images:\n${image(r, '      ', p.domain)}`;
  return out;
}

/** How many related articles: median 2, 90th percentile 64, at most 180. */
function relatedCount(r: Random): number {
  const u = r.next();
  if (u < 0.35) return r.int(0, 1);
  if (u < 0.55) return r.int(2, 3);
  if (u < 0.9) return Math.round(4 * 16 ** r.next());
  return r.int(64, 180);
}

/** One article's text, and whether it was made broken on purpose. */
export function article(r: Random): string {
  const p = r.pick(PROVIDERS);
  const slug = r.hex(12);
  const video = r.chance(0.05);
  const lines: string[] = ['---'];
  lines.push(`category: ${r.pick(['news', 'news', 'news', 'opinion', 'analysis'])}`);
  let title = sentence(r, r.int(6, 14));
  if (r.chance(0.04)) title = title.replace(' ', '\u200b ');
  lines.push(`title: ${q(title)}`);
  lines.push(`excerpt: ${r.chance(0.02) ? '""' : q(sentence(r, r.int(15, 40)))}`);
  lines.push(`publishedDateTime: ${date(r)}`);
  if (r.chance(0.9)) lines.push(`originalUrl: ${q(`https://www.${p.domain}/story/${slug}`)}`);
  if (!video && r.chance(0.9)) lines.push(`webUrl: ${q(`https://www.${p.domain}/story/${slug}`)}`);
  lines.push(`type: ${video ? 'video' : 'article'}`);
  if (r.chance(0.97)) lines.push(`quality: ${r.int(0, 150)}`);
  if (r.chance(0.97)) lines.push(`heat: ${r.chance(0.3) ? -1 : r.int(0, 100)}`);
  if (r.chance(0.98)) lines.push(`published: ${r.chance(0.3)}`);
  if (r.chance(0.01)) lines.push('removed: true');
  if (video) lines.push(`featuredContent: ${q(`<iframe src="https://video.${p.domain}/embed/${slug}" allowfullscreen></iframe>`)}`);
  lines.push('', 'provider:', `  name: ${p.name}`, `  domain: ${p.domain}`, '');
  const topicCount = r.int(0, 6);
  if (topicCount > 0) {
    const chosen = new Set<string>();
    while (chosen.size < topicCount) chosen.add(TOPICS[r.zipf(TOPICS.length)]!);
    lines.push('topics:', ...[...chosen].map((t) => `  - ${t}`), '');
  }
  if (r.chance(0.85)) lines.push(`images:\n${image(r, '  ', p.domain).trimEnd()}`, '');
  const n = relatedCount(r);
  if (n > 0) {
    let block = 'related:\n';
    for (let i = 0; i < n; i++) block += related(r);
    lines.push(block.trimEnd(), '');
  }
  lines.push(`secured: ${q(`${btoa(r.hex(300)).slice(0, 400)};${btoa(r.hex(16))}`)}`, '---', '');
  return lines.join('\n');
}

/** Breaks an article the way real files break: an unclosed quote, a tab, a duplicate key. */
function breakIt(r: Random, text: string): string {
  switch (r.int(0, 2)) {
    case 0:
      return text.replace(/^title: "(.*)"$/m, 'title: "$1');
    case 1:
      return text.replace('\n  name: ', '\n\tname: ');
    default:
      return text.replace(/^category: (.*)$/m, 'category: $1\ncategory: again');
  }
}

/** Writes `count` articles into `out`; returns the number of bytes written. */
export function generateLibrary(count: number, out: string, seed = 20221129): number {
  const r = new Random(seed ^ count);
  mkdirSync(out, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    let text = article(r);
    if (r.chance(0.01)) text = breakIt(r, text);
    if (r.chance(0.01)) text = text.replace(/\n/g, '\r\n');
    if (r.chance(0.002)) text = `\uFEFF${text}`;
    const name = `${String(i).padStart(6, '0')}_${r.hex(16)}.${r.chance(0.5) ? 'txt' : 'md'}`;
    const data = Buffer.from(text, 'utf8');
    writeFileSync(join(out, name), data);
    bytes += data.length;
  }
  return bytes;
}

/** `npm run bench:generate -- --count N --out DIR` */
async function main(): Promise<void> {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({ options: { count: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } } });
  const count = Number(values.count ?? '1000');
  if (!Number.isInteger(count) || count < 1 || values.out === undefined) {
    process.stderr.write('usage: npm run bench:generate -- --count N --out DIR [--seed S]\n');
    process.exit(2);
  }
  const started = performance.now();
  const bytes = generateLibrary(count, values.out, values.seed === undefined ? undefined : Number(values.seed));
  process.stdout.write(`wrote ${count} articles (${(bytes / 1e6).toFixed(1)} MB) to ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) void main();
