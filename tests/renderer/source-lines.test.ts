import { describe, expect, test } from 'vitest';
import type { Problem } from '../../shared/article.js';
import { sourceLines } from '../../renderer/components/SourceSection.js';

const error = (line: number): Problem => ({ level: 'error', code: 'yaml-syntax', message: `at ${line}`, line, column: 1 });
const warning = (line: number): Problem => ({ level: 'warning', code: 'bad-date', message: 'date', line });

describe('sourceLines', () => {
  test('a line per line of the file, each with its own line ending; a final line ending starts no line', () => {
    expect(sourceLines('---\r\na: 1\r\n---\r\n', []).map((l) => l.text)).toEqual(['---\r\n', 'a: 1\r\n', '---\r\n']);
    expect(sourceLines('---\na: 1', []).map((l) => l.text)).toEqual(['---\n', 'a: 1']);
    expect(sourceLines('', [])).toEqual([]);
    expect(sourceLines('\n\n', []).map((l) => l.text)).toEqual(['\n', '\n']);
  });

  test('the problems go to the lines they name, several to one line, none to a problem without a line', () => {
    const lines = sourceLines('---\na: 1\nb: 2\n---\n', [error(2), warning(2), warning(3), { level: 'error', code: 'unreadable', message: 'x' }]);
    expect(lines.map((l) => l.problems?.map((p) => p.message))).toEqual([undefined, ['at 2', 'date'], ['date'], undefined]);
  });

  test('a problem at the very end names the line after the last: it is shown, empty', () => {
    expect(sourceLines('---\ntitle: "a\n', [error(3)])).toEqual([
      { text: '---\n', problems: undefined },
      { text: 'title: "a\n', problems: undefined },
      { text: '', problems: [error(3)] },
    ]);
    expect(sourceLines('---\n', [error(9)]).map((l) => l.text)).toEqual(['---\n']); // beyond that, nowhere
  });
});
