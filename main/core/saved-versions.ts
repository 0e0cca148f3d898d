/**
 * The versions of each article Masthead itself saved, kept while the library is open, so an edit
 * back to an earlier state (an undo, or a topic removed and added again) writes that version's very
 * bytes. Splicing the change in again keeps every other line, but not always the form of the lines
 * it touched: a block list of topics emptied reads `topics: []`, and its topics put back come as a
 * flow list; `published: False` approved and withdrawn again reads `published: false`; a `topics`
 * key Masthead added stays when its topics go. With these versions each comes back byte for byte.
 *
 * A version is used only while the file still holds the last version Masthead saved: each version
 * of a chain came from the one before by one of Masthead's own edits, which touch only `published`
 * and `topics`, so two versions of a chain with the same approval and topics are the same article.
 * A file another program changed since starts a new chain, and its change is never undone.
 */
import type { ArticleId, ArticleSummary } from '../../shared/article.js';

/** One version of a file: its bytes, their sha256, and what they read as. */
export interface SavedVersion {
  readonly hash: string;
  readonly bytes: Uint8Array;
  readonly summary: ArticleSummary;
  readonly quickApprove: boolean;
}

/** What an approval that started no chain replaced: its bytes are the opposite approval spliced into the bytes it wrote. */
export interface ToggledFrom {
  readonly hash: string;
  readonly summary: ArticleSummary;
  readonly quickApprove: boolean;
}

/** At most this many approvals that started no chain are remembered. */
const TOGGLES = 20_000;
/** At most this many versions of one article (the first, the one it started from, always stays). */
const PER_ARTICLE = 16;
/** At most this many bytes of versions in all; the articles saved longest ago are forgotten first. */
const BUDGET = 32 * 1024 * 1024;

/**
 * An article's versions, oldest first; the last is what Masthead last saved. The first `pinned` are
 * never dropped to make room: they are where undoing every edit leads (see `saved`).
 */
interface Chain {
  readonly versions: SavedVersion[];
  readonly pinned: number;
}

/** Each article's chain of versions. */
export class SavedVersions {
  private readonly chains = new Map<ArticleId, Chain>();
  private bytes = 0;
  /**
   * The last approval of each article that started no chain, by the hash it wrote: an approval its
   * opposite undoes byte for byte (`published: false` made `true`) keeps no copy, and the editor's
   * most frequent edit copies nothing. A chain that starts from what it wrote begins with what it
   * replaced (see `saved`).
   */
  private readonly toggles = new Map<ArticleId, { readonly to: string; readonly from: ToggledFrom }>();

  constructor(
    private readonly budget = BUDGET,
    private readonly perArticle = PER_ARTICLE,
  ) {}

  /**
   * The latest earlier version of `id` that reads as `wanted` says, when the file still holds the
   * version Masthead last saved (`hash`); otherwise null.
   */
  recall(id: ArticleId, hash: string, wanted: (summary: ArticleSummary) => boolean): SavedVersion | null {
    if (!this.holds(id, hash)) return null;
    const chain = this.chains.get(id)!.versions;
    for (let i = chain.length - 2; i >= 0; i--) if (wanted(chain[i]!.summary)) return chain[i]!;
    return null;
  }

  /** Whether `id` has a chain whose last version the file (`hash`) still holds. */
  holds(id: ArticleId, hash: string): boolean {
    return this.chains.get(id)?.versions.at(-1)?.hash === hash;
  }

  /** Records an approval of `id` its opposite undoes byte for byte, from `from` to the bytes hashing to `to`: no copy. */
  toggled(id: ArticleId, from: ToggledFrom, to: string): void {
    this.forget(id);
    this.toggles.delete(id);
    this.toggles.set(id, { to, from });
    if (this.toggles.size > TOGGLES) this.toggles.delete(this.toggles.keys().next().value!);
  }

  /**
   * Records a save of `id` from the bytes hashing to `from` to `after`. `before` makes the version
   * saved over, asked for only when it starts a chain (else it is the chain's last already); so is
   * `replaced`, which makes the version an approval with no chain replaced to write those bytes
   * (see `toggled`), or null where it cannot.
   */
  saved(id: ArticleId, from: string, before: () => SavedVersion, after: SavedVersion, replaced: (toggle: ToggledFrom) => SavedVersion | null = () => null): void {
    let chain = this.chains.get(id);
    const toggle = this.toggles.get(id);
    this.toggles.delete(id);
    if (chain === undefined || chain.versions.at(-1)!.hash !== from) {
      this.forget(id);
      // The file as it was before this chain's first edit, and before that, what an approval with
      // no chain replaced to give it: undoing every edit leads back through both, so both stay. (With
      // only the first kept, a chain begun after an approval and grown past its length lost the
      // file's own bytes: undone, its topics came back spliced in again, their quotes changed.)
      const versions = [before()];
      const earlier = toggle?.to === from ? replaced(toggle.from) : null;
      if (earlier !== null) versions.unshift(earlier);
      for (const v of versions) this.bytes += v.bytes.length;
      chain = { versions, pinned: versions.length };
    } else this.chains.delete(id); // set again below: the map's order is the order of the last saves
    const { versions, pinned } = chain;
    // A version saved again moves to the end, unless it is pinned: then it is kept in both places.
    const again = versions.findIndex((v, i) => i >= pinned && v.hash === after.hash);
    if (again !== -1) this.bytes -= versions.splice(again, 1)[0]!.bytes.length;
    versions.push(after);
    this.bytes += after.bytes.length;
    while (versions.length > Math.max(this.perArticle, pinned + 1)) this.bytes -= versions.splice(pinned, 1)[0]!.bytes.length;
    this.chains.set(id, chain);
    for (const [oldest] of this.chains) {
      if (this.bytes <= this.budget || oldest === id) break;
      this.forget(oldest);
    }
  }

  /** Forgets the versions of `id` (its file changed otherwise, or went). */
  forget(id: ArticleId): void {
    const chain = this.chains.get(id);
    if (chain === undefined) return;
    for (const v of chain.versions) this.bytes -= v.bytes.length;
    this.chains.delete(id);
  }

  /** The bytes kept, in all. */
  get size(): number {
    return this.bytes;
  }
}
