// What makes a password acceptable: long enough (lib/validation's passwordSchema
// says 8 characters) and not easily guessed. Guessability is estimated offline by
// zxcvbn-ts against its shipped lists: leaked passwords (passwords-common),
// common words in English and French, names, keyboard walks, dates and
// repetitions, and the person's own email address and name. Nothing leaves the
// server: no breached-password service is called.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';

/**
 * zxcvbn's score from 0 to 4; 3 means at least 10^8 guesses. Crux hashes with
 * argon2id and rate-limits sign-in, so an online attacker gets a few hundred
 * guesses a day per account: 10^8 is far out of reach, while a passphrase of
 * three ordinary words (or any random 10 characters) passes. Score 4 would refuse
 * many memorable passphrases for little gain.
 */
export const MIN_PASSWORD_SCORE = 3;

/** Only the first characters are judged: zxcvbn's time grows with the length, and a longer password only gets stronger. */
const JUDGED_CHARACTERS = 64;

export type PasswordProblem = 'commonPassword' | 'guessablePassword';

let factory: ZxcvbnFactory | undefined;

/** The dictionaries take a quarter of a second to load: once per process, when first needed. */
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    maxLength: JUDGED_CHARACTERS,
    // How many l33t readings ('4' as 'a', '@' as 'a'…) are tried per password. The
    // library's 100 took a second and a half of CPU on 100 characters full of digits and
    // symbols (a sign-in path cannot spend that); 10 still reads "p@ssw0rd" as "password".
    l33tMaxSubstitutions: 10,
  });
  return factory;
}

/**
 * Why this password is refused, or null when it is acceptable. `personal` are
 * the account's own words (email address, name): a password made of them is
 * guessable by anyone who knows the person. `commonPassword` when the password
 * is (almost entirely) one from a leaked-password list, `guessablePassword` for
 * the rest (common words alone, keyboard walks, repetitions, the person's name).
 */
export function passwordProblem(password: string, personal: readonly (string | null | undefined)[] = []): PasswordProblem | null {
  const inputs = personal.flatMap((value) => (value ? [value, ...value.split(/[@.\s_+-]+/).filter((part) => part.length >= 3)] : []));
  const judged = password.slice(0, JUDGED_CHARACTERS);
  const result = zxcvbn().check(judged, inputs);
  const share = (dictionaryName: string) =>
    result.sequence.filter((match) => match.pattern === 'dictionary' && match.dictionaryName === dictionaryName).reduce((sum, match) => sum + match.token.length, 0) / judged.length;
  // "firstname.lastname" scores 3 (the dot counts as a guess); mostly the person's own words is guessable by whoever knows them.
  if (result.score >= MIN_PASSWORD_SCORE && share('userInputs') < 0.5) return null;
  return share('passwords-common') >= 0.5 ? 'commonPassword' : 'guessablePassword';
}
