import { describe, expect, it } from 'vitest';
import { httpUrlSchema, isHttpLink } from '@/lib/http-url';
import { httpUrlSchema as fromValidation } from '@/lib/validation';

// The rule's cases are in validation.test.ts (httpUrlSchema); here, that there is one rule.
describe('httpUrlSchema', () => {
  it('is the one lib/validation uses for sources and articles', () => {
    expect(fromValidation).toBe(httpUrlSchema);
  });

  it('takes http(s) with a host, trimmed, and nothing else', () => {
    expect(httpUrlSchema.parse(' https://example.org/a ')).toBe('https://example.org/a');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'https://', 'example.org']) expect(httpUrlSchema.safeParse(bad).success).toBe(false);
  });
});

describe('isHttpLink', () => {
  it('what the interface makes clickable: http(s) only, as the schema says', () => {
    expect(isHttpLink('https://example.org/a')).toBe(true);
    expect(isHttpLink('http://example.org')).toBe(true);
    for (const bad of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '']) expect(isHttpLink(bad), bad).toBe(false);
  });
});
