import { notificationKeys } from '@mamori/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import i18n, { i18nReady } from '../../i18n';
import { notificationText, paramText } from './text';

const reported = {
  ...notificationKeys('incident.reported'),
  params: {
    number: 'INC-2026-00042',
    type: { ja: '紛失・盗難', en: 'Loss or theft' },
    unit: { ja: '大阪工場', en: 'Osaka Works' },
  },
};

// The catalogues load on demand (i18n/index.ts): these tests read both languages.
beforeAll(async () => {
  await i18nReady;
  await i18n.loadLanguages(['ja', 'en']);
});

describe('notification texts', () => {
  it('render in the reader’s language, names included', () => {
    const ja = notificationText(i18n.getFixedT('ja'), 'ja', reported);
    expect(ja.title).toBe('インシデント報告 INC-2026-00042');
    expect(ja.body).toContain('大阪工場 からインシデントが報告されました。種別: 紛失・盗難。');
    const en = notificationText(i18n.getFixedT('en'), 'en', reported);
    expect(en.title).toBe('Incident reported: INC-2026-00042');
    expect(en.body).toContain('reported from Osaka Works. Type: Loss or theft.');
  });

  it('show a moment as a local date and time, and fall back to the other language for a missing name', () => {
    expect(paramText({ at: '2026-04-01T03:00:00.000Z' }, 'en')).toMatch(/2026/);
    expect(paramText({ at: '2026-04-01T03:00:00.000Z' }, 'en')).not.toContain('T03:00');
    expect(paramText({ ja: '', en: 'Partner A' }, 'ja')).toBe('Partner A');
    expect(paramText(72.5, 'ja')).toBe(72.5);
  });
});
