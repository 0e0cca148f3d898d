import { describe, expect, test } from 'vitest';
import { approvalState, type ApprovalState, type Problem } from '../../shared/article.js';

const problem = (level: Problem['level'], code: Problem['code']): Problem => ({ level, code, message: code });

describe('approvalState: what the list says of an article’s approval', () => {
  const rows: readonly { name: string; published: boolean; problems: readonly Problem[]; expected: ApprovalState }[] = [
    { name: 'approved', published: true, problems: [], expected: 'published' },
    { name: 'not approved', published: false, problems: [], expected: 'draft' },
    { name: 'warnings leave the approval as the file says', published: true, problems: [problem('warning', 'bad-date'), problem('warning', 'bad-url')], expected: 'published' },
    { name: 'a YAML error: the text is there to mend', published: false, problems: [problem('error', 'yaml-syntax')], expected: 'error' },
    { name: 'an error hides an approval the summary may still carry', published: true, problems: [problem('error', 'duplicate-key')], expected: 'error' },
    { name: 'bytes that are not UTF-8 are mended by saving as UTF-8', published: false, problems: [problem('error', 'not-utf8')], expected: 'error' },
    { name: 'a file that cannot be read', published: false, problems: [problem('error', 'unreadable')], expected: 'unreadable' },
    { name: 'a binary file', published: false, problems: [problem('error', 'binary')], expected: 'unreadable' },
    { name: 'unreadable outranks another error', published: false, problems: [problem('error', 'yaml-syntax'), problem('error', 'unreadable')], expected: 'unreadable' },
  ];
  test.each(rows)('$name', ({ published, problems, expected }) => {
    expect(approvalState({ published, problems })).toBe(expected);
  });
});
