// Text produced in pieces of any size (a claim, a comma), sent as UTF-8 in
// chunks of one size: the exports' downloads (lib/http.ts streamBody) and
// files (lib/services/export-file.ts).
//
// A producer then writes each piece as it comes, with no string built to
// gather them: joining an archive's claims into 64 KB strings, and V8
// flattening those strings again to encode them, was a tenth of the export.
// Each piece is encoded once, straight into the chunk being filled.

/**
 * Bytes per chunk. Big enough that a chunk's own cost (a stream's enqueue, a
 * write) is small beside encoding it; small enough that a download holds a
 * few at a time, whatever its size.
 */
export const CHUNK_BYTES = 64 * 1024;

const utf8 = new TextEncoder();

/** The pieces' UTF-8 bytes, in chunks of `size` bytes (the last shorter; a chunk may end up to 3 bytes short rather than split a character). */
export async function* byteChunks(pieces: AsyncIterable<string>, size = CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  // A character takes up to 4 bytes: a smaller chunk could hold none.
  if (size < 4) throw new RangeError(`A chunk holds at least 4 bytes, not ${size}.`);
  let chunk = new Uint8Array(size);
  let filled = 0;
  for await (const piece of pieces) {
    let rest = piece;
    for (;;) {
      const { read, written } = utf8.encodeInto(rest, chunk.subarray(filled));
      filled += written;
      if (read === rest.length) break;
      // The chunk is full (or has no room for the next character): send it, go on in a new one.
      yield chunk.subarray(0, filled);
      chunk = new Uint8Array(size);
      filled = 0;
      rest = rest.slice(read);
    }
  }
  if (filled > 0) yield chunk.subarray(0, filled);
}
