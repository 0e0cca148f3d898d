/** Non-blocking messages in a corner; errors stay until dismissed, the rest fade after a while. */
import { useEffect } from 'react';
import type { Notice } from '../state/desk-state.js';

/** The message stack; `inert` while a dialog is open, which Tab then never leaves. */
export function Notices({ notices, onDismiss, inert = false }: { readonly notices: readonly Notice[]; readonly onDismiss: (key: number) => void; readonly inert?: boolean }) {
  useEffect(() => {
    const timers = notices.filter((n) => n.level === 'info').map((n) => setTimeout(() => onDismiss(n.key), 5000));
    return () => timers.forEach(clearTimeout);
  }, [notices, onDismiss]);
  return (
    <div className="notices" role="status" aria-live="polite" inert={inert}>
      {notices.map((n) => (
        <div key={n.key} className={`notice notice-${n.level}`}>
          <span>{n.text}</span>
          <button type="button" aria-label="Dismiss message" onClick={() => onDismiss(n.key)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
