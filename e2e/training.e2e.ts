/**
 * The training scenario (issue #13), through the web app on the demo group: a new hire finds their course on a
 * phone-size screen, takes its quiz and passes (scored by the server); an organisation head sees their unit's
 * completion. The demo's new hires are employees with an account whose "hired" course is still open.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageFetch, useBrowser } from './browser';
import { useOwnServer } from './own-server';

const DEMO_PASSWORD = 'demo-password-2026';
useOwnServer('training', [], { demo: true, env: { MAMORI_SIGNIN_RATE_LIMIT: '100' } });
const b = useBrowser({ sequentialScenario: true });

describe('training scenario', () => {
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  const pathname = () => new URL(b.page.url()).pathname;
  let hire = '';
  let head = '';

  /** Signs in; with `mayFail`, answers false for an account that cannot sign in (the demo disables some). */
  async function signIn(page: Page, email: string, mayFail = false): Promise<boolean> {
    await page.context().clearCookies();
    await page.goto('/sign-in');
    const res = await pageFetch<{ csrfToken: string }>(page, '/api/auth/sign-in', {
      method: 'POST',
      body: { email, password: DEMO_PASSWORD },
    });
    if (mayFail && res.status === 401) return false;
    expect(res.status).toBe(200);
    const lang = await pageFetch(page, '/api/me', { method: 'PATCH', body: { language: 'en' }, csrfToken: res.body.csrfToken });
    expect(lang.status).toBe(200);
    await page.goto('/');
    await page.getByTestId('app-title').waitFor();
    return true;
  }

  test('the demo has a new hire with an open course and an org head', async () => {
    await signIn(b.page, 'kaori.matsumoto@hoshizora.example');
    const roles = await pageFetch<{ items: { role: string; userEmail: string }[] }>(b.page, '/api/role-assignments?limit=500');
    head = roles.body.items.find((a) => a.role === 'org_head')!.userEmail;
    const employees = roles.body.items.filter((a) => a.role === 'employee').map((a) => a.userEmail);
    for (const email of employees) {
      if (!(await signIn(b.page, email, true))) continue;
      const mine = await pageFetch<{ course: { code: string }; status: string }[]>(b.page, '/api/me/training');
      if (mine.body.some((a) => a.course.code === 'NEW-EMPLOYEE' && a.status !== 'passed')) {
        hire = email;
        break;
      }
    }
    expect(hire).not.toBe('');
  });

  test('the new hire takes the quiz on a phone and passes', async () => {
    await b.page.setViewportSize({ width: 390, height: 844 });
    await b.page.goto('/training');
    const card = b.page.getByTestId('my-assignment').filter({ hasText: 'Information security basics for new employees' });
    await card.getByTestId('take-course').click();
    await poll(pathname).toMatch(/^\/training\/assignments\/[0-9a-f-]{36}$/);
    await b.page.getByTestId('course-body').waitFor();
    // the page fits the phone: nothing scrolls sideways
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    for (const answer of [
      'Lock the screen and put papers away',
      'Report it without opening anything',
      'Ask for a take-out and get it approved',
    ])
      await b.page.getByLabel(answer).check();
    await b.page.getByTestId('quiz-submit').click();
    await b.page.getByTestId('course-passed').waitFor();
    const mine = await pageFetch<{ course: { code: string }; status: string; score: number }[]>(b.page, '/api/me/training');
    expect(mine.body.find((a) => a.course.code === 'NEW-EMPLOYEE')).toMatchObject({ status: 'passed', score: 100 });
  });

  test("an org head sees their unit's completion", async () => {
    await b.page.setViewportSize({ width: 1280, height: 900 });
    await signIn(b.page, head);
    await b.page.getByTestId('nav-training-completion').click();
    await poll(pathname).toBe('/training/completion');
    await b.page.getByTestId('completion-row').first().waitFor();
    const total = await b.page.getByTestId('completion-total').textContent();
    expect(total).toMatch(/\d+ of \d+ passed/);
    // the head sees their own unit only
    expect(await b.page.getByTestId('completion-row').count()).toBe(1);
  });

  test('the security office builds a two-question quiz with the form, and a refusal shows on its field', async () => {
    await signIn(b.page, 'kaori.matsumoto@hoshizora.example');
    // built on a phone-size screen
    await b.page.setViewportSize({ width: 390, height: 844 });
    await b.page.goto('/training/courses');
    await b.page.getByTestId('course-new').click();
    const editor = b.page.getByTestId('course-editor');
    await editor.getByLabel('Code').fill('E2E-QUIZ');
    await editor.getByLabel('Title (Japanese)').fill('確認テストの作成');
    await editor.getByLabel('Title (English)').fill('Building a quiz');
    await editor.getByTestId('quiz-on').click();
    const question = (i: number) => editor.getByTestId('quiz-question').nth(i);
    const fillQuestion = async (i: number, ja: string, en: string, options: [string, string][]) => {
      const q = question(i);
      await q.getByLabel('Question (Japanese)').fill(ja);
      await q.getByLabel('Question (English)').fill(en);
      for (const [j, [oja, oen]] of options.entries()) {
        if (j >= 2) await q.getByTestId('quiz-add-option').click();
        await q.getByLabel(`Option ${j + 1} (Japanese)`).fill(oja);
        await q.getByLabel(`Option ${j + 1} (English)`).fill(oen);
      }
    };
    await fillQuestion(0, '不審なメールを受け取ったら?', 'A suspicious mail arrives. What do you do?', [
      ['報告する', 'Report it'],
      ['リンクを開く', 'Open the link'],
    ]);
    await editor.getByLabel('Option 1 of question 1 is right').check();
    await editor.getByTestId('quiz-add-question').click();
    await fillQuestion(1, '良いパスワードは?', 'Which passwords are good?', [
      ['長い合言葉', 'A long passphrase'],
      ['誕生日', 'Your birthday'],
      ['使い回さないもの', 'One used nowhere else'],
    ]);
    await question(1).getByText('Several right answers').click();
    // the form fits the phone: nothing scrolls sideways
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // no right option ticked: the server refuses and the form shows it on the question's options
    await editor.getByTestId('course-save').click();
    await expect.poll(() => question(1).getByTestId('quiz-options-error').count(), { timeout: 15_000 }).toBe(1);
    await editor.getByLabel('Option 1 of question 2 is right').check();
    await editor.getByLabel('Option 3 of question 2 is right').check();
    await editor.getByTestId('course-save').click();
    await b.page.getByTestId('courses-table').getByText('Building a quiz').waitFor();
    const list = await pageFetch<{ id: string; code: string }[]>(b.page, '/api/courses');
    const id = list.body.find((c) => c.code === 'E2E-QUIZ')!.id;
    const saved = await pageFetch<{ content: { quiz: { questions: { kind: string; options: { correct: boolean }[] }[] } } }>(
      b.page,
      `/api/courses/${id}`,
    );
    expect(saved.body.content.quiz.questions.map((q) => [q.kind, q.options.map((o) => o.correct)])).toEqual([
      ['single', [true, false]],
      ['multiple', [true, false, true]],
    ]);
  });
});
