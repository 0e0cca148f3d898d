/** Formatting for the desk: numbers, dates in the editor's local time, and long opaque values. */
import type { Filters } from './state/desk-state.js';

const numbers = new Intl.NumberFormat();
const dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const shortDates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * Characters of one of a file's texts shown in one place, at most: past them, "…". A file's
 * title, excerpt or any field is as long as its writer made it, and the desk lays out what it
 * shows: a title and an excerpt of 2 MB each held it 5.4 s at the selection of their article.
 */
export const SHOWN_CHARS = 2000;

/** `text` cut to `max` characters and "…" where it is longer, never between the halves of a character outside the BMP. */
export function clip(text: string, max = SHOWN_CHARS): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return `${text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max)}…`;
}

/** 1,204 in the editor's locale. */
export function formatCount(n: number): string {
  return numbers.format(n);
}

/** A file's date in local time, or the raw value when it is not a date. */
export function formatDate(raw: string | undefined, short = false): string {
  if (raw === undefined) return '';
  const time = Date.parse(raw);
  if (Number.isNaN(time)) return clip(raw);
  return (short ? shortDates : dates).format(time);
}

/** "6H484Zdu7T…jvdaK5 (684 characters)" for tokens too long to read. */
export function shorten(value: string, keep = 12): string {
  if (value.length <= keep * 3) return value;
  return `${value.slice(0, keep)}…${value.slice(-keep / 2)} (${formatCount(value.length)} characters)`;
}

/** The host name of a URL, for showing where a link goes. */
export function hostOf(url: string | undefined): string {
  if (!url || !URL.canParse(url)) return '';
  return new URL(url).host;
}

/** "1 article" / "2 articles". */
export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** True on Apple's systems, whose shortcuts use ⌘ where others use Ctrl. */
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);
}

/** How the editor presses undo (or redo) here: ⌘Z on a Mac, Ctrl+Z elsewhere. */
export function undoKeys(which: 'undo' | 'redo' = 'undo'): string {
  const mac = isMac();
  if (which === 'redo') return mac ? '⇧⌘Z' : 'Ctrl+Shift+Z';
  return mac ? '⌘Z' : 'Ctrl+Z';
}

const STATUS_WORDS: Readonly<Record<Filters['status'], string>> = { all: '', published: 'approved', unpublished: 'not approved', problems: 'with problems' };

/** A day of a date field (YYYY-MM-DD) in the editor's words: "Dec 1, 2024". */
function dayWords(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return shortDates.format(new Date(year!, month! - 1, date));
}

/** The filters in words, for a dialog to say what the current filter is: "topic AI · Dec 1, 2024 to Dec 15, 2024". */
export function filterWords(filters: Filters): string {
  const range =
    filters.from !== '' && filters.to !== '' ? `${dayWords(filters.from)} to ${dayWords(filters.to)}`
    : filters.from !== '' ? `from ${dayWords(filters.from)}`
    : filters.to !== '' ? `up to ${dayWords(filters.to)}`
    : '';
  const search = filters.search.trim();
  return [
    STATUS_WORDS[filters.status],
    filters.topic && `topic ${filters.topic}`,
    filters.provider && `provider ${filters.provider}`,
    search && `“${search}”`,
    range,
  ]
    .filter((part) => part !== '')
    .join(' · ');
}
