/** The file as it is on disk, below the review: numbered lines, its problems' lines marked. */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { Problem } from '../../shared/article.js';

interface Props {
  readonly source: string;
  readonly problems: readonly Problem[];
  /** Whether it opens: the editor's last choice, or always for a broken file (its source is what there is to see). */
  readonly open: boolean;
  /** The editor opened or closed it. */
  readonly onOpenChange: (open: boolean) => void;
}

/**
 * "Source file", open or folded. Its lines are made only while it is open: a large file is
 * thousands of lines, and moving through the list would make them for every article.
 */
export function SourceSection({ source, problems, open, onOpenChange }: Props) {
  // The element keeps its own open state; `toggle` tells this one (and the editor's choice).
  const [shown, setShown] = useState(open);
  return (
    <details
      className="source"
      open={open}
      onToggle={(e) => {
        setShown(e.currentTarget.open);
        onOpenChange(e.currentTarget.open);
      }}
    >
      <summary>Source file</summary>
      {(shown || open) && <SourceLines source={source} problems={problems} />}
    </details>
  );
}

/** One line of the file, with its line ending; `problems` when the line is marked. */
interface Line {
  readonly text: string;
  readonly problems: readonly Problem[] | undefined;
}

/** The file's lines (a final line ending starts no line of its own), each with the problems that name it. */
export function sourceLines(source: string, problems: readonly Problem[]): Line[] {
  const marked = new Map<number, Problem[]>();
  for (const p of problems) if (p.line !== undefined) marked.set(p.line, [...(marked.get(p.line) ?? []), p]);
  const lines: Line[] = [];
  for (let at = 0; at < source.length; ) {
    const end = source.indexOf('\n', at);
    const next = end === -1 ? source.length : end + 1;
    lines.push({ text: source.slice(at, next), problems: marked.get(lines.length + 1) });
    at = next;
  }
  // A problem at the very end (say, a closing `---` missing) names the line after the last.
  const past = marked.get(lines.length + 1);
  if (past !== undefined) lines.push({ text: '', problems: past });
  return lines;
}

/**
 * Lines per block. A block out of view is not laid out (content-visibility); the browser watches
 * each such element for when it comes into view, and a file of 180,000 lines watched line by line
 * held the desk 6.8 s when its source opened (1.7 s of it in those watches alone), in blocks 0.65 s.
 */
export const SOURCE_BLOCK = 64;

/**
 * The lines, numbered in a gutter the numbers' width (drawn by CSS from `data-n`: the numbers are
 * not part of the text, so a copy of the source is the file's own text), in blocks of
 * `SOURCE_BLOCK`, scrolled to the first marked line (an error's line is where an editor fixes it).
 */
function SourceLines({ source, problems }: { readonly source: string; readonly problems: readonly Problem[] }) {
  const preRef = useRef<HTMLPreElement>(null);
  const lines = sourceLines(source, problems);
  // The first mark's block and the one before it are laid out at once, where the scroll to the mark
  // brings them into view; the others (counted one line high a line until then) once in view. The
  // browser keeps what is in view in its place as the blocks above it grow to their real heights.
  const firstMarked = lines.findIndex((line) => line.problems !== undefined);
  const markedBlock = Math.floor(firstMarked / SOURCE_BLOCK);
  const laidOut = (b: number): boolean => firstMarked !== -1 && (b === markedBlock || b === markedBlock - 1);
  useEffect(() => {
    const first = preRef.current?.querySelector('mark');
    if (first && preRef.current) preRef.current.scrollTop = Math.max(0, first.offsetTop - preRef.current.offsetTop - 48);
  }, [source]);
  const blocks = [];
  for (let b = 0; b * SOURCE_BLOCK < lines.length; b++) {
    const from = b * SOURCE_BLOCK;
    const part = lines.slice(from, from + SOURCE_BLOCK);
    blocks.push(
      <span key={b} className={laidOut(b) ? 'src-block laid-out' : 'src-block'} style={{ '--lines': part.length } as CSSProperties}>
        {part.map((line, i) => (
          <SourceLine key={i} line={line} n={from + i + 1} />
        ))}
      </span>,
    );
  }
  return (
    // Focusable, so a long source can be scrolled from the keyboard.
    <pre ref={preRef} tabIndex={0} aria-label="Source file" style={{ '--digits': String(lines.length).length } as CSSProperties}>
      {blocks}
    </pre>
  );
}

/** Line `n`: marked, with its problems in its title, where it has any. */
function SourceLine({ line, n }: { readonly line: Line; readonly n: number }) {
  return line.problems === undefined ? (
    <span className="src-line" data-n={n}>
      {line.text}
    </span>
  ) : (
    <mark
      data-n={n}
      className={`src-line ${line.problems.some((p) => p.level === 'error') ? 'line-error' : 'line-warning'}`}
      title={line.problems.map((p) => `${p.level === 'error' ? 'Error' : 'Warning'}: ${p.message}`).join('\n')}
    >
      {line.text}
    </mark>
  );
}
