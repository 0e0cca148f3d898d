/**
 * A read thread's warm-up: the list pass's own path (the file calls, the fast reader, the full parse
 * of a file it leaves alone, the packing of results) run on sample articles made here, so V8 has
 * compiled it before the thread reads a library. Started with the app (see read-threads.ts), it
 * costs the thread about 130 ms of a core that is otherwise idle then; a new thread's first
 * batches of a real library otherwise took two to three times as long as its later ones.
 *
 * The samples vary as articles do: quoted, plain and escaped values, flow and block topics, CRLF and
 * a BOM, related blocks from none to many, and a few the fast reader leaves to the full parse.
 */
import { fileURLToPath } from 'node:url';
import { scanArena } from './line-scan.js';
import { packResults } from './read-batch.js';
import { readBytes, resultOfBytes, type ReadResult } from './read-one.js';

/**
 * Rounds over the samples. Then reading the first 2,000 files of the generated 100,000 took a thread
 * 52-61 ms, against 104-116 ms without a warm-up and 38 ms once compiled; 40 rounds took 107 ms,
 * 80 took 144 ms and saved little more.
 */
const ROUNDS = 60;

/** One sample article, the `n`th: its shape chosen by `n`, as the lists of a real library vary. */
export function sampleArticle(n: number): string {
  const quote = (text: string): string => (n % 3 === 1 ? text : n % 5 === 2 ? `'${text}'` : `"${text}"`);
  const title = n % 7 === 3 ? `"Rates \\"hold\\" as markets wait, day ${n}"` : quote(`Markets wait as rates hold, day ${n}`);
  const topics = n % 4 === 1 ? `topics: [Markets, Rates ${n % 13}]\n` : `topics:\n  - Markets\n  - Rates ${n % 13}\n  - Central Banks\n`;
  const related = Array.from(
    { length: (n * 7) % 23 },
    (_, k) =>
      `  - title: "Related story ${k} on the rates"\n    excerpt: "What the decision means for savers, borrowers and the markets, in ${k} charts"\n` +
      `    publishedDateTime: 2022-07-0${(k % 9) + 1}T10:19:00Z\n    webUrl: "https://news.example.com/${n}/${k}"\n    type: article\n` +
      `    provider:\n      name: Example News\n      domain: news.example.com\n    quality: ${k * 3}\n`,
  ).join('');
  let text =
    `---\ncategory: news\ntitle: ${title}\nexcerpt: ${quote(`What the decision means, ${n} times over`)}\n` +
    `publishedDateTime: 2022-07-05T23:${String(n % 60).padStart(2, '0')}:00Z\noriginalUrl: "https://www.example.com/story/${n}"\n` +
    `webUrl: https://www.example.com/story/${n}\ntype: article\nquality: ${n % 200}\nheat: ${(n % 9) - 1}\npublished: ${n % 3 === 0}\n\n` +
    `provider:\n  name: Example ${n % 5}\n  domain: example${n % 5}.com\n\n${topics}\n` +
    `images:\n  - url: "https://www.example.com/images/${n}.jpg"\n    width: 1088\n    height: 725\n\n` +
    (related === '' ? 'related: []\n' : `related:\n${related}`) +
    `secured: "c2VjdXJlZCB0b2tlbiBmb3Igd2FybS11cA==;${n}"\n---\n`;
  if (n % 19 === 0) text = text.replace('title:', 'title: "an unclosed quote\ncaption:'); // a YAML error: left to the full parse
  if (n % 23 === 0) text = text.replace('category: news\n', 'category: news\ncategory: world\n'); // a duplicate key
  if (n % 17 === 0) text = text.replace(/\n/g, '\r\n');
  if (n % 29 === 0) text = `\uFEFF${text}`;
  return text;
}

/** The samples, made once per thread. */
const SAMPLES = Array.from({ length: 64 }, (_, n) => Buffer.from(sampleArticle(n)));

/** Runs the list pass's path over the samples `rounds` times; answers how many summaries it made. */
export function warmUp(rounds = ROUNDS): number {
  // The file calls on a file every thread has: this module's own.
  const self = fileURLToPath(import.meta.url);
  const reuse = { buffer: Buffer.allocUnsafe(64 * 1024) };
  let summaries = 0;
  for (let round = 0; round < rounds; round++) {
    readBytes(self, reuse);
    const results: ReadResult[] = [];
    let at = 0;
    for (const [n, sample] of SAMPLES.entries()) {
      // In the read buffer, as read bytes are.
      const bytes = scanArena === null ? sample : scanArena.subarray(at, at + sample.length);
      if (scanArena !== null) sample.copy(scanArena, at);
      at += sample.length;
      const result = resultOfBytes(`warm-up/${n}.md`, bytes, 'quick');
      if (result.kind === 'entry') summaries++;
      results.push(result);
    }
    packResults(results);
  }
  return summaries;
}
