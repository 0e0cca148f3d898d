/** The list of the desk's keyboard shortcuts, opened with `?` (or Help › Keyboard Shortcuts). */
import { useRef } from 'react';
import { isMac } from '../format.js';
import { useModal } from './use-modal.js';

/** One shortcut: its keys (each a key or a chord such as `Shift+P`, any of which works) and what it does. */
interface Shortcut {
  readonly keys: readonly string[];
  readonly does: string;
}

/** The desk's shortcuts by where they act, as App.tsx, TopicEditor.tsx and Toolbar.tsx handle them; `o` only where the desk can show files. */
export function shortcutGroups(
  mac: boolean,
  canShowFiles: boolean,
): readonly { readonly title: string; readonly shortcuts: readonly Shortcut[]; /** Only while the panes stand side by side (see styles.css). */ readonly besidePanes?: true }[] {
  const mod = mac ? '⌘' : 'Ctrl';
  return [
    {
      title: 'The list',
      shortcuts: [
        { keys: ['↓', 'j'], does: 'Next article' },
        { keys: ['↑', 'k'], does: 'Previous article' },
        { keys: ['Page Down', 'Page Up'], does: 'A screenful down or up' },
        { keys: ['Home', 'End'], does: 'First or last article' },
        { keys: ['/'], does: 'Search titles and excerpts (Enter goes back to the list, the search kept; Esc clears the search, then goes back)' },
      ],
    },
    {
      title: 'The selected article',
      shortcuts: [
        { keys: ['p', 'Space'], does: 'Approve it, or withdraw its approval' },
        { keys: ['t'], does: 'Add a topic (↓ ↑ pick a suggestion, Enter adds it, Backspace in the empty field removes the last topic, Esc clears the field, then goes back to the list)' },
        ...(canShowFiles ? [{ keys: ['o'], does: 'Open its file in the app your system opens such files with (to mend a broken file in your text editor)' }] : []),
      ],
    },
    {
      title: 'The line between the panes (Tab to it, or drag it)',
      besidePanes: true,
      shortcuts: [
        { keys: ['←', '→'], does: 'Narrow or widen the list (with Shift, in larger steps)' },
        { keys: ['Home', 'End'], does: 'The list at its narrowest or widest' },
        { keys: ['Enter'], does: 'Back to the first width (as does a double click); the width is remembered' },
      ],
    },
    {
      title: 'Everywhere',
      shortcuts: [
        { keys: ['Shift+P'], does: 'Bulk actions on every article shown: approve, withdraw, add, remove or rename a topic' },
        { keys: [`${mod}+Z`], does: 'Undo the last approval or topic change' },
        { keys: mac ? [`Shift+${mod}+Z`] : [`${mod}+Shift+Z`, `${mod}+Y`], does: 'Redo' },
        { keys: ['?'], does: 'This list of keys' },
        { keys: ['Esc'], does: 'Close a dialog' },
      ],
    },
  ];
}

const FIRST_FOCUS = ['.modal-actions button'];

/** A modal dialog; Escape or Close closes it. */
export function KeysDialog({ canShowFiles, onClose }: { readonly canShowFiles: boolean; readonly onClose: () => void }) {
  const dialogRef = useRef<HTMLDivElement>(null);
  useModal(dialogRef, FIRST_FOCUS, false, onClose);
  return (
    <div className="modal-backdrop">
      <div ref={dialogRef} className="modal keys-dialog" role="dialog" aria-modal="true" aria-labelledby="keys-title">
        <h2 id="keys-title">Keyboard shortcuts</h2>
        <p className="muted">They work anywhere on the desk except while typing in a field.</p>
        {shortcutGroups(isMac(), canShowFiles).map((group) => (
          <table key={group.title} className={group.besidePanes ? 'keys-table keys-beside-panes' : 'keys-table'}>
            <caption>{group.title}</caption>
            <tbody>
              {group.shortcuts.map((s) => (
                <tr key={s.does}>
                  <th scope="row">
                    {s.keys.map((chord, i) => (
                      <span key={chord}>
                        {i > 0 && <span className="keys-or"> or </span>}
                        <span className="keys-chord">
                          {chord.split('+').map((key, k) => (
                            <span key={k}>
                              {k > 0 && '+'}
                              <kbd>{key}</kbd>
                            </span>
                          ))}
                        </span>
                      </span>
                    ))}
                  </th>
                  <td>{s.does}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <div className="modal-actions">
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
