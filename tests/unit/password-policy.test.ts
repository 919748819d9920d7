// The password policy (lib/security/password-policy.ts): leaked and common
// passwords, guessable ones and the person's own words are refused, offline.
import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../lib/security/password-policy';

describe('passwordProblem', () => {
  it.each(['password123', 'motdepasse1', '123456789', 'iloveyou', 'Password1!'])('refuses %j: it is on the leaked-password lists', (password) => {
    expect(passwordProblem(password)).toBe('commonPassword');
  });

  it.each(['aaaaaaaaaaaa', 'abcdefghij', 'long enough', 'azertyuiop', 'soleil123', 'P@ssw0rd', 'm0tdep@sse'])('refuses %j: too easy to guess (l33t spellings included)', (password) => {
    expect(passwordProblem(password)).not.toBeNull();
  });

  it('refuses a password made of the person’s own email address or name', () => {
    expect(passwordProblem('margaux.delacroix', ['margaux.delacroix@lemonde.example', 'Margaux Delacroix'])).toBe('guessablePassword');
    expect(passwordProblem('margaux.delacroix')).toBeNull();
  });

  it.each(['correct horse battery', 'une phrase de passe assez longue', 'Sésame ouvre-toi 2025', 'zv8 kq2 tr9 lm3', 'k7#Vq!2pLm'])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  it('judges a password at the length limit quickly, whatever it holds', () => {
    passwordProblem('warm up'); // the dictionaries load once, on first use: not what is timed
    for (const password of ['a'.repeat(200), '1234'.repeat(50), 'azerty'.repeat(33), 'é\u0301'.repeat(100), 'Xk9#mPq2$vL7@nR4&wT8'.repeat(10)]) {
      const started = performance.now();
      passwordProblem(password);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
