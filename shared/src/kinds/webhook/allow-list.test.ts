import { describe, expect, test } from 'vitest';
import { isWebhookAllowed, WebhookAllowList } from './allow-list.js';

describe('webhook allow-list', () => {
  test('parses comma-separated prefixes; empty or absent allows nothing', () => {
    expect(WebhookAllowList.parse(' http://127.0.0.1:8080/hooks/ ,https://h.example/')).toEqual([
      'http://127.0.0.1:8080/hooks/',
      'https://h.example/',
    ]);
    expect(WebhookAllowList.parse(undefined)).toEqual([]);
    expect(WebhookAllowList.parse('')).toEqual([]);
    expect(isWebhookAllowed('http://127.0.0.1:8080/hooks/a', [])).toBe(false);
  });

  test('refuses what is not an http(s) URL, naming the entry', () => {
    const r = WebhookAllowList.safeParse('http://ok/,ftp://x/,nonsense');
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path)).toEqual([[1], [2]]);
  });

  test('matches the same origin and a path under the prefix only', () => {
    const allow = ['http://127.0.0.1:8080/hooks/'];
    expect(isWebhookAllowed('http://127.0.0.1:8080/hooks/orders?x=1', allow)).toBe(true);
    expect(isWebhookAllowed('http://127.0.0.1:8080/other', allow)).toBe(false);
    expect(isWebhookAllowed('http://127.0.0.1:8081/hooks/orders', allow)).toBe(false);
    expect(isWebhookAllowed('https://127.0.0.1:8080/hooks/orders', allow)).toBe(false);
    // Userinfo does not change the host: this goes to evil.example.
    expect(isWebhookAllowed('http://127.0.0.1:8080@evil.example/hooks/', allow)).toBe(false);
    expect(isWebhookAllowed('not a url', allow)).toBe(false);
  });
});
