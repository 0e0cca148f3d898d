/** The library the desk has open, with its watcher; the handlers of both hosts work through it. */
import { basename } from 'node:path';
import type { LibraryEventMessage } from '../shared/contract.js';
import { fail, ok, type Result } from '../shared/result.js';
import { Library } from './core/library.js';
import { watchLibrary, type LibraryWatch } from './core/library-watch.js';

interface OpenLibrary {
  readonly library: Library;
  readonly name: string;
  readonly watch: LibraryWatch | null;
  readonly unsubscribe: () => void;
}

/** Holds one open library at a time and forwards its changes as events. */
export class Session {
  private current: OpenLibrary | null = null;

  constructor(
    private readonly emit: (event: LibraryEventMessage) => void,
    private readonly options: { readonly watch: boolean } = { watch: true },
  ) {}

  /** Opens a folder, replacing the open library only when the new one opens. */
  async open(folder: string): Promise<Result<{ name: string; size: number }>> {
    const opened = await Library.open(folder);
    if (!opened.ok) return opened;
    const library = opened.value;
    const name = basename(library.root);
    const unsubscribe = library.subscribe((event) => this.emit(event.type === 'removed' ? event : { type: event.type, summary: event.summary }));
    const watch = this.options.watch ? watchLibrary(library) : null;
    await watch?.ready;
    const previous = this.current;
    this.current = { library, name, watch, unsubscribe };
    if (previous) await closeLibrary(previous);
    this.emit({ type: 'reloaded', name });
    return ok({ name, size: library.size });
  }

  /** The open library, or a failure saying none is open. */
  library(): Result<{ library: Library; name: string }> {
    if (this.current === null) return fail('not-found', 'no library is open; choose File › Open Library…');
    return ok({ library: this.current.library, name: this.current.name });
  }

  /** The open library's real path, for remembering it; never sent to the renderer. */
  get root(): string | undefined {
    return this.current?.library.root;
  }

  /** Stops watching. */
  async close(): Promise<void> {
    if (this.current) await closeLibrary(this.current);
    this.current = null;
  }
}

async function closeLibrary(open: OpenLibrary): Promise<void> {
  open.unsubscribe();
  await open.watch?.close();
}
