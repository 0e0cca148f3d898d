/** What every modal dialog of the desk does with the keyboard. */
import { useEffect, type RefObject } from 'react';

/**
 * When the dialog opens, the focus moves into it, to the first element matching one of `first` (tried
 * in order), and back where it was when it closes; Escape closes it, unless `busy` (an export or a
 * change under way, which has its own Cancel or Stop).
 */
export function useModal(dialogRef: RefObject<HTMLElement | null>, first: readonly string[], busy: boolean, onClose: () => void): void {
  useEffect(() => {
    const returnTo = document.activeElement;
    const dialog = dialogRef.current;
    for (const selector of first) {
      const target = dialog?.querySelector<HTMLElement>(selector);
      if (target) {
        target.focus();
        break;
      }
    }
    return () => (returnTo as HTMLElement | null)?.focus?.();
    // Once, as the dialog opens: later renders keep the focus where the editor put it.
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !busy) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);
}
