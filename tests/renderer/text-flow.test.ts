import { describe, expect, test } from 'vitest';
import { flowText } from '../../renderer/text-flow.js';

describe('flowText: a post’s lines wrapped by hand, joined within paragraphs', () => {
  const rows: readonly { name: string; input: string; expected: string }[] = [
    { name: 'a paragraph wrapped by hand reads as one line', input: 'We work with\nagencies to deliver\nservices.', expected: 'We work with agencies to deliver services.' },
    { name: 'paragraphs stay apart', input: 'One\nline.\n\nTwo\nlines.', expected: 'One line.\n\nTwo lines.' },
    { name: 'CRLF and CR line ends', input: 'One\r\nline.\r\n\r\nTwo\rlines.', expected: 'One line.\n\nTwo lines.' },
    { name: 'headings keep their lines', input: '# Title\nText\nhere.\n## Next\nMore', expected: '# Title\nText here.\n## Next\nMore' },
    { name: 'a heading underlined keeps its rule, and the text after it its line', input: 'Title\n=====\nText\nhere.', expected: 'Title\n=====\nText here.' },
    { name: 'list items keep their lines; a line wrapped inside one joins it', input: '- one\n- two\n  wrapped\n1. first\n2) second', expected: '- one\n- two wrapped\n1. first\n2) second' },
    { name: 'a paragraph after which a list starts', input: 'Teams:\n* design\n+ data', expected: 'Teams:\n* design\n+ data' },
    { name: 'quotes keep their lines', input: 'Said:\n> a quote\n> goes on', expected: 'Said:\n> a quote\n> goes on' },
    { name: 'fenced code is kept as it is, blank lines and all', input: 'Run:\n```sh\nnpm install\n\nnpm test\n```\nDone\nnow.', expected: 'Run:\n```sh\nnpm install\n\nnpm test\n```\nDone now.' },
    { name: 'indented code is kept as it is', input: 'Code:\n\n    a = 1\n    b = 2', expected: 'Code:\n\n    a = 1\n    b = 2' },
    { name: 'a hard break (two spaces, or a backslash) ends its line', input: 'Line one  \nline two\\\nline three\nand on', expected: 'Line one  \nline two\\\nline three and on' },
    { name: 'table rows and HTML keep their lines', input: '| a | b |\n|---|---|\n| 1 | 2 |\n<div>\nhi\n</div>', expected: '| a | b |\n|---|---|\n| 1 | 2 |\n<div>\nhi\n</div>' },
    { name: 'indents of continued lines are not carried into the paragraph', input: 'Text\n   indented\tline', expected: 'Text indented\tline' },
    { name: 'text without line breaks is as it was', input: 'Just one line.', expected: 'Just one line.' },
  ];
  test.each(rows)('$name', ({ input, expected }) => {
    expect(flowText(input)).toBe(expected);
  });
});
