import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18n from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18nReady } from '../../i18n';
import en from './i18n/en.json';
import ja from './i18n/ja.json';
import { SamlProvidersSection } from './SamlProvidersSection';

const render = () => {
  const qc = new QueryClient();
  qc.setQueryData(
    ['saml-providers'],
    [
      {
        id: 'p1',
        nameJa: 'ほしぞらグループ ID',
        nameEn: 'Hoshizora Group ID',
        entityId: 'https://sts.windows.net/tenant/',
        ssoUrl: 'https://login.microsoftonline.com/tenant/saml2',
        certificates: [{ subject: 'CN=demo', notAfter: '2036-12-01T00:00:00.000Z', fingerprint: 'AA:BB' }],
        matchBy: 'email',
        emailAttribute: 'email',
        employeeNoAttribute: 'employeeNumber',
        nameAttribute: 'displayName',
        groupsAttribute: 'groups',
        emailDomains: ['hoshizora.example'],
        createAccounts: false,
        enabled: false,
        spEntityId: 'https://mamori.example/api/auth/saml/p1/metadata',
        acsUrl: 'https://mamori.example/api/auth/saml/p1/acs',
        metadataUrl: 'https://mamori.example/api/auth/saml/p1/metadata',
        createdAt: '2026-12-01T00:00:00Z',
        updatedAt: '2026-12-01T00:00:00Z',
      },
    ],
  );
  return renderToStaticMarkup(
    <MantineProvider>
      <QueryClientProvider client={qc}>
        <SamlProvidersSection />
      </QueryClientProvider>
    </MantineProvider>,
  );
};

beforeAll(async () => {
  await i18nReady;
  i18n.addResourceBundle('ja', 'translation', ja, true, true);
  i18n.addResourceBundle('en', 'translation', en, true, true);
});

describe('Settings → SAML', () => {
  it('lists the SAML providers with their IdP entity id, in Japanese and English', async () => {
    await i18n.changeLanguage('ja');
    const ja = render();
    expect(ja).toContain('シングルサインオン(SAML 2.0)');
    expect(ja).toContain('ほしぞらグループ ID / Hoshizora Group ID');
    expect(ja).toContain('https://sts.windows.net/tenant/');
    await i18n.changeLanguage('en');
    const en = render();
    expect(en).toContain('Single sign-on (SAML 2.0)');
    expect(en).toContain('Verified e-mail');
    expect(en).not.toContain('settings.saml.');
  });
});
