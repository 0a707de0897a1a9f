import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18n from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18nReady } from '../../i18n';
import type { EffectiveSetting } from './api';
import en from './i18n/en.json';
import ja from './i18n/ja.json';
import { SignInRulesPanel } from './SignInRulesPanel';

const setting: EffectiveSetting = {
  key: 'auth.signInRules',
  titleJa: 'パスワード・多要素認証・セッションの規則',
  titleEn: 'Password, MFA and session rules',
  stricterOnly: true,
  value: { passwordMinLength: 16, mfaRequiredRoles: ['ciso', 'org_head'], sessionIdleMinutes: 15, sessionMaxHours: 8 },
  source: 'company',
  sourceCompany: { id: '00000000-0000-4000-8000-000000000001', nameJa: '星空オート', nameEn: 'Hoshizora Automotive' },
  ownVersion: 2,
  inherited: { passwordMinLength: 14, mfaRequiredRoles: ['ciso'], sessionIdleMinutes: 60, sessionMaxHours: 12 },
  inheritedSource: 'group',
};

const render = (node: ReactNode) =>
  renderToStaticMarkup(
    <MantineProvider>
      <QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>
    </MantineProvider>,
  );

beforeAll(async () => {
  await i18nReady;
  i18n.addResourceBundle('ja', 'translation', ja, true, true);
  i18n.addResourceBundle('en', 'translation', en, true, true);
});

describe('company settings → password, MFA and session rules', () => {
  it('shows each rule with the value the company inherits, in Japanese and English', async () => {
    for (const [lang, texts] of [
      ['ja', ['パスワードの最小文字数', '継承値：14', '継承値：60', '継承値：12']],
      ['en', ['Minimum password length (characters)', 'Inherited: 14', 'Inherited: 60', 'Inherited: 12']],
    ] as const) {
      await i18n.changeLanguage(lang);
      const html = render(<SignInRulesPanel unitId="u1" setting={setting} canEdit />);
      for (const text of texts) expect(html).toContain(text);
      expect(html).toContain('value="16"');
      if (lang === 'en') expect(html).toContain('Inherited: CISO');
      expect(html).not.toContain('companies.signInRules.');
      expect(html).toContain('data-testid="rules-save"');
    }
  });

  it('is read-only for a reader who may not change it', async () => {
    await i18n.changeLanguage('en');
    const html = render(<SignInRulesPanel unitId="u1" setting={setting} canEdit={false} />);
    expect(html).not.toContain('data-testid="rules-save"');
  });
});
