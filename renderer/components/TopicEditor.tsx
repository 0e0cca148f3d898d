/** Topics as chips: remove with a click or Backspace, add with autocomplete (see `topicSuggestions`). */
import { useId, useState, type RefObject } from 'react';
import { enterHint, librarySpelling, topicSuggestions } from '../state/topic-spelling.js';
import type { TopicsChange } from '../state/use-desk.js';
import { clip } from '../format.js';
import { ShowMore, useShown } from './ShowMore.js';

interface Props {
  readonly topics: readonly string[];
  readonly allTopics: readonly string[];
  readonly inputRef: RefObject<HTMLInputElement | null>;
  /** A change (what it makes of a list), and the list it was made on (what this editor showed). */
  readonly onChange: (change: TopicsChange, from: readonly string[]) => void;
  /** The chips alone: the file may not be changed (see `ArticleDetail.readOnly`). */
  readonly readOnly?: boolean;
  /** Escape in the empty field: where the keys go (the list, as from the search). */
  readonly onLeave: () => void;
}

const MAX_SUGGESTIONS = 8;
/** Chips shown at first; `SHOW_STEP` more at each press (a file may list thousands). */
export const TOPICS_SHOWN = 100;

/** The topic chips and the "Add topic" combobox. */
export function TopicEditor({ topics, allTopics, inputRef, onChange, readOnly = false, onLeave }: Props) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const { shown, more } = useShown(topics.length, TOPICS_SHOWN);
  const listId = useId();
  const hintId = useId();
  const suggestions = topicSuggestions(text, allTopics, topics, MAX_SUGGESTIONS);
  const open = suggestions.length > 0;
  // What Enter does with the text as typed (no suggestion picked), where that is not plain.
  const hint = active === -1 ? enterHint(text, allTopics, topics) : null;

  /**
   * Any change writes a proper list: a file's empty or repeated topics (a warning) go with it. It is
   * told as what it does, so one pressed while the one before is still saving applies to what that
   * one leaves: three quick Backspaces remove three topics.
   */
  const change = (edit: TopicsChange): void => onChange((list) => [...new Set(edit(list).filter((t) => t.trim() !== ''))], topics);
  const add = (topic: string): void => {
    const clean = librarySpelling(topic, allTopics);
    setText('');
    setActive(-1);
    if (clean === '' || topics.includes(clean)) return;
    change((list) => (list.includes(clean) ? list : [...list, clean]));
  };
  /** The chip at `i` (`t`): by its place in the list shown (a file may list a topic twice), else by its name. */
  const remove = (i: number, t: string): void =>
    change((list) => {
      const at = list === topics ? i : list.indexOf(t);
      return at === -1 ? list : list.filter((_, j) => j !== at);
    });

  return (
    <section className="topics" aria-label="Topics">
      <h2>Topics</h2>
      <ul className="chips">
        {topics.slice(0, shown).map((t, i) => (
          // By place: a file may list a topic twice.
          <li key={`${i} ${t}`} className="chip">
            <span>{t.trim() === '' ? <em>empty</em> : clip(t)}</span>
            {!readOnly && (
              <button
                type="button"
                aria-label={t.trim() === '' ? 'Remove the empty topic' : `Remove topic ${clip(t)}`}
                title={t.trim() === '' ? 'Remove the empty topic' : `Remove ${clip(t)}`}
                onClick={() => remove(i, t)}
              >
                ×
              </button>
            )}
          </li>
        ))}
        {shown < topics.length || topics.length > TOPICS_SHOWN ? (
          <li>
            <ShowMore shown={shown} total={topics.length} what="topics" onMore={more} />
          </li>
        ) : null}
        {readOnly && topics.length === 0 && <li className="chips-none">None</li>}
        {!readOnly && (
          <li className="chip-input">
            <input
              ref={inputRef}
              type="text"
              role="combobox"
              aria-label="Add topic"
              aria-expanded={open}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
              aria-describedby={hint === null ? undefined : hintId}
              placeholder={topics.length === 0 ? 'Add a topic  ( t )' : 'Add topic'}
              value={text}
              maxLength={200}
              onChange={(e) => {
                setText(e.target.value);
                setActive(-1);
              }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown' && open) {
                  e.preventDefault();
                  setActive((active + 1) % suggestions.length);
                } else if (e.key === 'ArrowUp' && open) {
                  e.preventDefault();
                  setActive(active <= 0 ? suggestions.length - 1 : active - 1);
                } else if (e.key === 'Enter' || (e.key === 'Tab' && open && active >= 0)) {
                  if (text.trim() === '') return;
                  e.preventDefault();
                  add(open && active >= 0 ? suggestions[active]! : text);
                } else if (e.key === 'Backspace' && text === '' && topics.length > 0) {
                  e.preventDefault();
                  change((list) => list.slice(0, -1));
                } else if (e.key === 'Escape') {
                  e.preventDefault();
                  if (text !== '') setText('');
                  else onLeave();
                }
              }}
            />
            {(open || hint !== null) && (
              <div className="suggest-popup">
                {open && (
                  <ul id={listId} role="listbox" aria-label="Topic suggestions" className="suggestions">
                    {suggestions.map((s, i) => (
                      <li
                        key={s}
                        id={`${listId}-${i}`}
                        role="option"
                        aria-selected={i === active}
                        className={i === active ? 'active' : ''}
                        onMouseDown={(e) => {
                          e.preventDefault();
                          add(s);
                        }}
                      >
                        {s}
                      </li>
                    ))}
                  </ul>
                )}
                {hint !== null && (
                  <p id={hintId} className="suggest-hint">
                    {hint}
                    {open && '; ↓ picks a suggestion'}
                  </p>
                )}
              </div>
            )}
          </li>
        )}
      </ul>
    </section>
  );
}
