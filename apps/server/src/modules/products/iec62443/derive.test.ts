import type { Iec62443Status } from '@mamori/contracts';
import { describe, expect, it } from 'vitest';
import { requirementById, requirementsOf } from './catalog';
import { capability, counts } from './derive';

const all = (type: Parameters<typeof requirementsOf>[0], status: Iec62443Status, fr?: number) =>
  new Map(
    requirementsOf(type)
      .filter((r) => !fr || r.fr === fr)
      .map((r) => [r.id, status] as const),
  );
const target = { fr1: 2, fr2: 2, fr3: 2, fr4: 2, fr5: 2, fr6: 2, fr7: 2 };

describe('IEC 62443-4-2 catalogue', () => {
  it('expands common and component-specific requirements and their enhancements', () => {
    expect(requirementById('CR 1.1 RE(2)')).toMatchObject({ fr: 1, baseId: 'CR 1.1', enhancement: 2, sl: 3 });
    expect(requirementById('EDR 3.14')?.types).toEqual(['embedded_device']);
    expect(requirementById('SAR 3.14')).toBeUndefined();
    expect(requirementById('NDR 5.2 RE(3)')?.types).toEqual(['network_device']);
    expect(requirementsOf('embedded_device').some((r) => r.id === 'NDR 1.6')).toBe(false);
    expect(requirementsOf('software_application').some((r) => r.id === 'SAR 2.4')).toBe(true);
  });
});

describe('SL-C per foundational requirement', () => {
  it('is 4 everywhere when everything is met, 0 when nothing is', () => {
    expect(Object.values(capability('embedded_device', all('embedded_device', 'met')))).toEqual([4, 4, 4, 4, 4, 4, 4]);
    expect(Object.values(capability('embedded_device', new Map()))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('stops below the lowest level with a requirement partly met, not met or open; not applicable counts as fulfilled', () => {
    const s = new Map<string, Iec62443Status>([
      ['CR 4.1', 'met'],
      ['CR 4.3', 'met'],
      ['CR 4.2', 'met'],
    ]);
    expect(capability('embedded_device', s).fr4).toBe(2); // CR 4.2 RE(1) and RE(2) (SL 3) are open
    s.set('CR 4.2 RE(1)', 'not_applicable');
    s.set('CR 4.2 RE(2)', 'not_applicable');
    expect(capability('embedded_device', s).fr4).toBe(4);
    s.set('CR 4.2', 'partly');
    expect(capability('embedded_device', s).fr4).toBe(1);
    s.set('CR 4.1', 'not_met');
    expect(capability('embedded_device', s).fr4).toBe(0);
  });

  it('counts only the requirements within the target, per FR', () => {
    const { total, byFr } = counts('embedded_device', target, all('embedded_device', 'met', 4));
    // FR4 at SL-T 2: CR 4.1, CR 4.2, CR 4.3 (the enhancements are SL 3)
    expect(byFr[3]).toEqual({ inTarget: 3, met: 3, partly: 0, notMet: 0, notApplicable: 0, open: 0 });
    expect(total.met).toBe(3);
    expect(total.open).toBe(total.inTarget - 3);
  });
});
