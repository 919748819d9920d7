// Text pieces sent as UTF-8 chunks of one size (lib/byte-chunks.ts): the
// bytes are exactly the text's, in chunks of the size asked, characters
// never split, French typography and emoji included.
import { describe, expect, it } from 'vitest';
import { byteChunks } from '../../lib/byte-chunks';

async function* from(pieces: string[]): AsyncGenerator<string> {
  for (const piece of pieces) yield piece;
}

async function chunksOf(pieces: string[], size: number): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of byteChunks(from(pieces), size)) chunks.push(chunk);
  return chunks;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

describe('byteChunks', () => {
  const pieces = ['{"exact":"« Dépêche nº 1 »"', ',', '"note":"l’envoyée 🇫🇷 spéciale"', '', '}', 'é'.repeat(40), '😀'.repeat(9)];
  const text = pieces.join('');

  it.each([7, 8, 16, 64, 1024])('gives the text’s UTF-8 bytes in chunks of %i bytes, each one valid UTF-8', async (size) => {
    const chunks = await chunksOf(pieces, size);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(text, 'utf8'));
    // No character is split: each chunk decodes alone.
    expect(chunks.map((c) => decoder.decode(c)).join('')).toBe(text);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeLessThanOrEqual(size);
      expect(chunk.length).toBeGreaterThan(size - 4);
    }
    expect(chunks.at(-1)!.length).toBeGreaterThan(0);
  });

  it('gathers small pieces into one chunk and cuts a large one across several', async () => {
    expect(await chunksOf(['a', 'b', 'c'], 64)).toEqual([new TextEncoder().encode('abc')]);
    const large = 'x'.repeat(100);
    expect((await chunksOf([large], 32)).map((c) => c.length)).toEqual([32, 32, 32, 4]);
  });

  it('refuses chunks too small for a character', async () => {
    await expect(chunksOf(['😀'], 3)).rejects.toThrow('A chunk holds at least 4 bytes, not 3.');
    expect(Buffer.concat(await chunksOf(['😀😀'], 4))).toEqual(Buffer.from('😀😀'));
  });

  it('gives nothing for no text', async () => {
    expect(await chunksOf([], 64)).toEqual([]);
    expect(await chunksOf(['', ''], 64)).toEqual([]);
  });
});
