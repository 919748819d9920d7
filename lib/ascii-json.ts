// JSON text in ASCII: every character past U+007F written as a \u escape (a
// character beyond the Basic Multilingual Plane as its two surrogates), as
// Python's json.dumps writes by default. The same JSON to any reader.
//
// For the history's snapshots (lib/services/events.ts): an archive writes
// hundreds of MB of them as stored (lib/services/archive-export.ts), and text
// holding one accented letter or curly apostrophe reaches JavaScript as a
// string of two-byte characters, slow to decode from the database and to
// encode again; ASCII text is copied. Measured on 100,000 snapshots of French
// claims (bench/README.md): the archive a tenth faster, its history 4 % larger
// (é is 2 bytes in UTF-8, 6 escaped), about 10 µs to escape a 5 KB snapshot.

const BEYOND_ASCII = /[\u0080-\uffff]/g;

const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `JSON.stringify(value)` with every character past U+007F escaped; throws for a value JSON has no text for (undefined, a function). */
export function asciiJson(value: unknown): string {
  const text: string | undefined = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`No JSON text for ${typeof value}.`);
  return text.replace(BEYOND_ASCII, escaped);
}
