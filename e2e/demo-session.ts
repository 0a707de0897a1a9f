/**
 * Signing in as a demo account (the demo's accounts share one password): through the sign-in form, as a person
 * does, or through the API from the page when the scenario is about another page. Both leave the app open and
 * return the session's CSRF token for the scenario's own API calls.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { pageFetch } from './browser';

export const DEMO_PASSWORD = 'demo-password-2026';

export async function signInWithForm(page: Page, email: string): Promise<string> {
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('app-title').waitFor();
  return (await pageFetch<{ csrfToken: string }>(page, '/api/me')).body.csrfToken;
}

/** Signs in through the API and sets the account's language (English unless asked), then opens the app. */
export async function signInWithApi(page: Page, email: string, language: 'en' | 'ja' = 'en'): Promise<string> {
  await page.context().clearCookies();
  await page.goto('/sign-in');
  const res = await pageFetch<{ csrfToken: string }>(page, '/api/auth/sign-in', {
    method: 'POST',
    body: { email, password: DEMO_PASSWORD },
  });
  expect(res.status).toBe(200);
  const lang = await pageFetch(page, '/api/me', { method: 'PATCH', body: { language }, csrfToken: res.body.csrfToken });
  expect(lang.status).toBe(200);
  await page.goto('/');
  await page.getByTestId('app-title').waitFor();
  return res.body.csrfToken;
}
