/** Any other front-matter data as a read-only tree; long opaque strings are shortened, all text stays text. */
import { clip, shorten } from '../format.js';
import { ShowMore, useShown } from './ShowMore.js';

const OPAQUE = /^[A-Za-z0-9+/=_;.-]{48,}$/;

/** One value: scalars inline, lists and mappings as nested lists. */
export function DataTree({ value }: { readonly value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">empty</span>;
  if (typeof value === 'string') {
    const opaque = OPAQUE.test(value);
    return <span className={opaque ? 'opaque' : 'text'} title={opaque ? value : undefined}>{opaque ? shorten(value) : clip(value)}</span>;
  }
  if (typeof value !== 'object') return <span className="scalar">{String(value)}</span>;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v] as const) : Object.entries(value);
  if (entries.length === 0) return <span className="muted">{Array.isArray(value) ? 'empty list' : 'empty'}</span>;
  return <TreeEntries entries={entries} what={Array.isArray(value) ? 'items' : 'fields'} />;
}

/** Entries shown at first in each list or mapping of the tree; `SHOW_STEP` more at each press. */
export const TREE_SHOWN = 50;

/** A list's items or a mapping's fields, each named by its place or key, the first `TREE_SHOWN` until more are asked for. */
function TreeEntries({ entries, what }: { readonly entries: readonly (readonly [string, unknown])[]; readonly what: string }) {
  const { shown, more } = useShown(entries.length, TREE_SHOWN);
  return (
    <>
      <dl className="tree">
        {entries.slice(0, shown).map(([key, v]) => (
          <div key={key} className="tree-entry">
            <dt>{key}</dt>
            <dd>
              <DataTree value={v} />
            </dd>
          </div>
        ))}
      </dl>
      <ShowMore shown={shown} total={entries.length} what={what} onMore={more} />
    </>
  );
}
