import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18n from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IdentityProvider, Settings } from '../../api/types';
import { i18nReady } from '../../i18n';
import en from './i18n/en.json';
import ja from './i18n/ja.json';
import { IdentityProvidersSection, ProviderForm } from './IdentityProvidersSection';
import { SettingsForm } from './SettingsForm';

const provider: IdentityProvider = {
  id: 'p1',
  nameJa: 'ほしぞらグループ ID',
  nameEn: 'Hoshizora Group ID',
  issuer: 'https://login.microsoftonline.com/tenant/v2.0',
  clientId: 'mamori',
  hasClientSecret: true,
  matchBy: 'email',
  claim: 'email',
  groupsClaim: 'groups',
  createAccounts: false,
  enabled: true,
  emailDomains: ['hoshizora.example', 'hoshizora-parts.example'],
  mfaAmr: ['mfa', 'hwk'],
  mfaAcr: ['urn:hoshizora:acr:mfa'],
  redirectUri: 'https://mamori.example/api/auth/oidc/callback',
  postLogoutRedirectUri: 'https://mamori.example/sign-in',
  backchannelLogoutUri: 'https://mamori.example/api/auth/oidc/p1/backchannel-logout',
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
};
const settings: Settings = {
  inactiveDays: 90,
  passwordMinLength: 12,
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  mfaRequiredRoles: ['system_admin'],
  localSignIn: 'break_glass',
  reauthMinutes: 15,
};

const render = (node: ReactNode) => {
  const qc = new QueryClient();
  qc.setQueryData(['identity-providers'], [provider]);
  return renderToStaticMarkup(
    <MantineProvider>
      <QueryClientProvider client={qc}>{node}</QueryClientProvider>
    </MantineProvider>,
  );
};

beforeAll(async () => {
  await i18nReady;
  i18n.addResourceBundle('ja', 'translation', ja, true, true);
  i18n.addResourceBundle('en', 'translation', en, true, true);
});

describe('Settings → single sign-on and local sign-in', () => {
  it("edits a provider's verified domains and the amr/acr values that count as MFA, in Japanese and English", async () => {
    for (const [lang, labels] of [
      ['ja', ['確認済みのメールドメイン', 'MFA とみなす amr の値', 'MFA とみなす acr の値']],
      ['en', ['Verified e-mail domains', 'amr values that mean MFA', 'acr values that mean MFA']],
    ] as const) {
      await i18n.changeLanguage(lang);
      const html = render(<ProviderForm provider={provider} onDone={() => undefined} />);
      for (const label of labels) expect(html).toContain(label);
      for (const value of [...provider.emailDomains, ...provider.mfaAmr, ...provider.mfaAcr]) expect(html).toContain(value);
      // what to register at the provider: sign-in, post-logout and back-channel logout URIs
      for (const uri of [provider.redirectUri, provider.postLogoutRedirectUri, provider.backchannelLogoutUri])
        expect(html).toContain(uri);
      expect(html).not.toContain('settings.sso.');
    }
    expect(render(<IdentityProvidersSection />)).toContain('Domains: hoshizora.example, hoshizora-parts.example');
  });

  it('shows the local sign-in rule with its current value', async () => {
    await i18n.changeLanguage('ja');
    const ja = render(<SettingsForm initial={settings} />);
    expect(ja).toContain('ローカルサインイン（パスワード・パスキー）');
    expect(ja).toContain('システム管理者のみ（非常用）');
    await i18n.changeLanguage('en');
    const en = render(<SettingsForm initial={settings} />);
    expect(en).toContain('System administrators only (break-glass)');
    expect(en).not.toContain('settings.localSignIn');
  });

  it('shows the step-up window (minutes, within the allowed range) in Japanese and English', async () => {
    for (const [lang, label] of [
      ['ja', '再認証の有効時間（分）'],
      ['en', 'Re-authentication window (minutes)'],
    ] as const) {
      await i18n.changeLanguage(lang);
      const html = render(<SettingsForm initial={settings} />);
      expect(html).toContain(label);
      expect(html).toMatch(/data-testid="settings-reauth"[^>]*value="15"|value="15"[^>]*data-testid="settings-reauth"/);
      expect(html).not.toContain('settings.reauth');
    }
  });
});
