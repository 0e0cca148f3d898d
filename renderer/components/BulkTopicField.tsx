/** A topic field of the bulk actions dialog: the topic typed, its suggestions, its button and what to know before pressing it. */
import { useId } from 'react';
import { topicSuggestions } from '../state/topic-spelling.js';

/** The most characters a topic may have (as main checks). */
const TOPIC_MAX = 200;

/** The most topics a field suggests (the browser shows those holding what is typed, in this order). */
const MAX_SUGGESTIONS = 50;

interface Props {
  readonly label: string;
  readonly placeholder: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The button's text. */
  readonly action: string;
  /** What the button does; null while it cannot be pressed. */
  readonly onAct: (() => void) | null;
  /** The library's topics, the most used first. */
  readonly allTopics: readonly string[];
  /** What the editor should know before pressing the button (a topic new to the library, say); null for nothing. */
  readonly note: string | null;
}

/**
 * A topic typed in, the library's topics suggested as the review pane suggests them (see
 * `topicSuggestions`; the most used while nothing is typed), and the button that acts on it: Enter
 * in the field presses it. The note below it is the field's description.
 */
export function TopicField({ label, placeholder, value, onChange, action, onAct, allTopics, note }: Props) {
  const listId = useId();
  const noteId = useId();
  const suggested = value.trim() === '' ? allTopics.slice(0, MAX_SUGGESTIONS) : topicSuggestions(value, allTopics, [], MAX_SUGGESTIONS);
  return (
    <>
      <div className="bulk-topic">
        <input
          type="text"
          list={listId}
          maxLength={TOPIC_MAX}
          placeholder={placeholder}
          aria-label={label}
          aria-describedby={note === null ? undefined : noteId}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || onAct === null) return;
            e.preventDefault();
            onAct();
          }}
        />
        <button type="button" disabled={onAct === null} onClick={() => onAct?.()}>
          {action}
        </button>
      </div>
      {note !== null && (
        <p id={noteId} className="muted bulk-note">
          {note}
        </p>
      )}
      <datalist id={listId}>
        {suggested.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </>
  );
}
