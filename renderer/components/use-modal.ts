/** What every modal dialog of the desk does with the keyboard. */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * When the dialog opens, the focus moves into it, to the first element matching one of `first` (tried
 * in order), and back where it was when it closes; Escape closes it, unless `busy` (an export or a
 * change under way, which has its own Cancel or Stop).
 *
 * Layout effects, not passive ones: they run as React puts the dialog in the page, where passive
 * effects run in a later task, after the browser has painted. A key pressed between the two went to
 * the desk behind the new dialog, or met a listener that still thought a finished change was running.
 */
export function useModal(dialogRef: RefObject<HTMLElement | null>, first: readonly string[], busy: boolean, onClose: () => void): void {
  // What had the focus as the dialog opened, read as it first renders: an effect run again (React's
  // StrictMode runs each twice in development) would find the focus already inside the dialog.
  const [returnTo] = useState(() => document.activeElement);
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    for (const selector of first) {
      const target = dialog?.querySelector<HTMLElement>(selector);
      if (target) {
        target.focus();
        break;
      }
    }
    return () =>
      // Once the commit that closes the dialog is over: until then the desk behind it is still
      // inert, and an inert element takes no focus (it went to the page's body, and the editor's
      // place with it). Not when the dialog is still in the page (StrictMode's rehearsal).
      queueMicrotask(() => {
        if (!dialog?.isConnected) (returnTo as HTMLElement | null)?.focus?.();
      });
    // Once, as the dialog opens: later renders keep the focus where the editor put it.
  }, []);

  // What the dialog is now, read when a key comes: one listener for the dialog's life.
  const now = useRef({ busy, onClose });
  useLayoutEffect(() => {
    now.current = { busy, onClose };
  });
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !now.current.busy) now.current.onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
