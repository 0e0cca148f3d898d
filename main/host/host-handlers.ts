/** The handlers as the browser host offers them: links open in the browser, exports go beside the library. */
import type { Handlers, LibraryEventMessage } from '../../shared/contract.js';
import { fail } from '../../shared/result.js';
import { besideLibrary, ExportDesk } from '../export-desk.js';
import { createHandlers } from '../handlers.js';
import type { Session } from '../session.js';

/** Handlers for `masthead serve`; `broadcast` reaches every open page. */
export function createHostHandlers(session: Session, broadcast: (event: LibraryEventMessage) => void): Handlers {
  // A page cannot be shown a native save dialog, so exports land in `<library>-exports/` beside the library.
  const exports = new ExportDesk(() => session.library(), besideLibrary(() => session.root), broadcast, null);
  // The page opens links itself; the host never launches programs on request.
  return createHandlers(session, async () => fail('bad-request', 'the browser desk opens links itself'), exports, null);
}
