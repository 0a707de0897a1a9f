import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRegulatoryCatalogue, planRegime, regulatoryCatalogue } from './regulatory';

const at = (iso: string) => new Date(iso);
const due = (plan: ReturnType<typeof planRegime>, ruleId: string) =>
  plan.find((p) => p.ruleId === ruleId)?.dueAt?.toISOString() ?? null;
const raw = () =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../../../../../catalogs/regulatory-reporting-rules.json', import.meta.url)), 'utf8'),
  ) as { rules: Record<string, unknown>[] };

describe('the regulatory catalogue', () => {
  it('gives every rule its source, both languages, and its interpretation where Legal must check it', () => {
    const cat = regulatoryCatalogue();
    expect(cat.rules.length).toBeGreaterThanOrEqual(11);
    for (const r of cat.rules) {
      expect(r.source).not.toBe('');
      expect(r.titleJa && r.titleEn && r.recipientJa && r.recipientEn).toBeTruthy();
      if (r.checkWithLegal) expect(r.interpretationJa && r.interpretationEn).toBeTruthy();
    }
  });

  it('refuses a rule that starts from an event its regime does not have, naming it', () => {
    const cat = raw();
    cat.rules[0]!.from = { event: 'patchShippedAt' };
    expect(() => checkRegulatoryCatalogue(cat)).toThrow(/patchShippedAt/);
  });

  it('refuses a stage that follows a rule that does not exist, and a loop of submissions', () => {
    const unknown = raw();
    unknown.rules.find((r) => r.id === 'nis2-final')!.from = { submitted: 'nis2-nothing' };
    expect(() => checkRegulatoryCatalogue(unknown)).toThrow(/nis2-nothing/);
    const loop = raw();
    loop.rules.find((r) => r.id === 'nis2-notification')!.from = { submitted: 'nis2-final' };
    expect(() => checkRegulatoryCatalogue(loop)).toThrow(/loops/);
  });

  it('refuses an interpretation to check with Legal that does not say what it is', () => {
    const cat = raw();
    delete cat.rules[0]!.interpretationJa;
    expect(() => checkRegulatoryCatalogue(cat)).toThrow(/Legal/);
  });
});

describe('CRA art. 14', () => {
  it('runs 24 and 72 elapsed hours from awareness, and the final report waits for the fix', () => {
    const plan = planRegime('cra-exploited-vulnerability', {
      events: { awareAt: at('2026-12-01T10:00:00Z') },
      submitted: {},
    });
    expect(due(plan, 'cra-vuln-early-warning')).toBe('2026-12-02T10:00:00.000Z');
    expect(due(plan, 'cra-vuln-notification')).toBe('2026-12-04T10:00:00.000Z');
    const final = plan.find((p) => p.ruleId === 'cra-vuln-final')!;
    expect(final.dueAt).toBeNull();
    expect(final.waitingFor).toEqual({ event: 'fixAvailableAt' });
  });

  it('gives the final report 14 days from the fix, whenever the fix comes', () => {
    const plan = planRegime('cra-exploited-vulnerability', {
      events: { awareAt: at('2026-12-01T10:00:00Z'), fixAvailableAt: at('2026-12-10T09:30:00Z') },
      submitted: {},
    });
    expect(due(plan, 'cra-vuln-final')).toBe('2026-12-24T09:30:00.000Z');
  });

  it('counts a severe incident’s final report in calendar months from the notification, not 30 days', () => {
    const waiting = planRegime('cra-severe-incident', { events: { awareAt: at('2027-01-29T08:00:00Z') }, submitted: {} });
    expect(waiting.find((p) => p.ruleId === 'cra-incident-final')!.waitingFor).toEqual({
      submitted: 'cra-incident-notification',
    });
    const plan = planRegime('cra-severe-incident', {
      events: { awareAt: at('2027-01-29T08:00:00Z') },
      submitted: { 'cra-incident-notification': at('2027-01-31T12:00:00Z') },
    });
    // 31 January + one month = 28 February (Brussels time kept), where 30 days would be 2 March.
    expect(due(plan, 'cra-incident-final')).toBe('2027-02-28T12:00:00.000Z');
  });
});

describe('NIS2 art. 23', () => {
  it('starts the final report a month after the notification; the after-handling report only once handling is recorded', () => {
    const facts = {
      events: { awareAt: at('2026-03-10T07:00:00Z') },
      submitted: { 'nis2-notification': at('2026-03-12T16:00:00Z') },
    };
    const plan = planRegime('nis2-significant-incident', facts);
    expect(due(plan, 'nis2-early-warning')).toBe('2026-03-11T07:00:00.000Z');
    expect(due(plan, 'nis2-notification')).toBe('2026-03-13T07:00:00.000Z');
    // Across the change to summer time: the same wall-clock time in Brussels (17:00 CET, then 17:00 CEST).
    expect(due(plan, 'nis2-final')).toBe('2026-04-12T15:00:00.000Z');
    expect(plan.some((p) => p.ruleId === 'nis2-final-after-handling')).toBe(false);
    const handled = planRegime('nis2-significant-incident', {
      ...facts,
      events: { ...facts.events, handledAt: at('2026-05-20T09:00:00Z') },
    });
    expect(due(handled, 'nis2-final-after-handling')).toBe('2026-06-20T09:00:00.000Z');
  });
});

describe('SEC Form 8-K Item 1.05', () => {
  const sec = (determined: string, secFilerType = 'domestic') =>
    planRegime(
      'sec-cybersecurity-incident',
      { events: { materialityDeterminedAt: at(determined) }, submitted: {} },
      { secFilerType },
    );

  it('is due at the end of the fourth US business day, skipping Thanksgiving', () => {
    // Wednesday 25 Nov 2026 10:00 ET: Fri 27 (Thanksgiving on Thu 26 skipped), Mon 30, Tue 1, Wed 2 December.
    expect(due(sec('2026-11-25T15:00:00Z'), 'sec-8k-item-105')).toBe('2026-12-03T04:59:59.999Z');
  });

  it('counts a determination on a Saturday from the next business day, which then is the first day', () => {
    // Saturday 5 Dec 2026: Mon 7, Tue 8, Wed 9, Thu 10.
    expect(due(sec('2026-12-05T15:00:00Z'), 'sec-8k-item-105')).toBe('2026-12-11T04:59:59.999Z');
  });

  it('applies Form 6-K as a soft target, not the 8-K, to a foreign private issuer', () => {
    const plan = sec('2026-12-07T15:00:00Z', 'foreign_private_issuer');
    expect(plan.map((p) => p.ruleId)).toEqual(['sec-6k-promptly']);
    expect(plan[0]!.rule.hard).toBe(false);
  });
});
