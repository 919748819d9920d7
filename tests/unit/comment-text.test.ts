import { describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, mentionSpans } from '@/lib/comment-text';
import { MAX_COMMENT_CHARS } from '@/lib/validation';

const alice = { id: 'a', name: 'Alice Martin' };
const al = { id: 'l', name: 'Alice' };

describe('a comment as the thread shows it', () => {
  it('counts against the limit the server enforces', () => {
    expect(COMMENT_LIMIT).toBe(MAX_COMMENT_CHARS);
  });

  it('sets the mentions apart, as written, the longest name first', () => {
    expect(mentionSpans('Vu, @alice martin ? Et @Alice.', [al, alice])).toEqual([
      { text: 'Vu, ' },
      { text: '@alice martin', mention: 'a' },
      { text: ' ? Et ' },
      { text: '@Alice', mention: 'l' },
      { text: '.' },
    ]);
  });

  it('leaves email addresses, partial names and unmentioned people as text', () => {
    expect(mentionSpans('alice@example.org @Alicette @Bob', [al])).toEqual([{ text: 'alice@example.org @Alicette @Bob' }]);
    expect(mentionSpans('@Alice', [])).toEqual([{ text: '@Alice' }]);
    expect(mentionSpans('', [al])).toEqual([]);
  });
});
