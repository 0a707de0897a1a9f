/**
 * The demo TARA's UN R155 Annex 5 record (docs/tara.md): which Part A threats each threat scenario covers, and the
 * ones the analysis rules out with a reason — so the coverage panel shows considered, ruled-out and open threats.
 * English, like the rest of the demo analysis (the language it is exchanged in with vehicle makers).
 */
export const R155_REFS: Record<string, string[]> = {
  flash: ['12.2', '18.3', '23.1', '28.2'],
  inject: ['11.1', '16.3', '18.3', '29.2'],
  extract: ['19.3', '26.2', '32.1'],
  flood: ['8.1', '24.1'],
  trip: ['7.2', '19.2', '31.1'],
  coding: ['5.2', '25.1'],
};

const BACKEND =
  'The vehicle backend is outside the item boundary; the vehicle maker covers it in its own TARA (interface agreement).';
const V2X = 'The gateway receives no V2X messages: V2X ends in the telematics unit, outside the item.';

export const R155_NOT_APPLICABLE: { code: string; reason: string }[] = [
  ...['1.1', '1.2', '1.3', '2.1', '3.1', '3.2', '3.3', '3.4', '3.5'].map((code) => ({ code, reason: BACKEND })),
  { code: '4.2', reason: V2X },
  { code: '11.2', reason: V2X },
  { code: '13.1', reason: 'Update servers are the vehicle maker’s backend, outside the item.' },
  { code: '16.2', reason: 'The item has no telematics function of its own (no cargo or door services).' },
  { code: '17.1', reason: 'The gateway hosts no third-party applications.' },
  { code: '25.2', reason: 'The gateway does not take part in charging; charging parameters never pass through it.' },
];
