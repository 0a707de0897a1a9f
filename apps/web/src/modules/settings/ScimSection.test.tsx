import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18n from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18nReady } from '../../i18n';
import en from './i18n/en.json';
import ja from './i18n/ja.json';
import { ScimSection } from './ScimSection';

const render = () => {
  const qc = new QueryClient();
  qc.setQueryData(
    ['scim-tokens'],
    [
      {
        id: 't1',
        name: 'Entra ID (本番テナント)',
        prefix: 'mmr_scim_ab12cd',
        createdAt: '2026-12-01T00:00:00Z',
        lastUsedAt: null,
        revokedAt: null,
      },
      {
        id: 't2',
        name: 'Okta (old)',
        prefix: 'mmr_scim_zz99yy',
        createdAt: '2026-11-01T00:00:00Z',
        lastUsedAt: null,
        revokedAt: '2026-11-20T00:00:00Z',
      },
    ],
  );
  qc.setQueryData(
    ['scim-role-rules'],
    [
      {
        id: 'r1',
        providerId: null,
        group: 'SG-Mamori-内部監査員',
        role: 'auditor',
        orgUnitId: null,
        orgUnitNameJa: null,
        orgUnitNameEn: null,
        grants: 5,
        createdAt: '2026-12-01T00:00:00Z',
      },
      {
        id: 'r2',
        providerId: 'p1',
        group: 'Mamori-PSIRT',
        role: 'psirt_member',
        orgUnitId: null,
        orgUnitNameJa: null,
        orgUnitNameEn: null,
        grants: 2,
        createdAt: '2026-12-02T00:00:00Z',
      },
    ],
  );
  qc.setQueryData(['sso-providers'], [{ id: 'p1', kind: 'saml', nameJa: 'グループ ID', nameEn: 'Group ID' }]);
  return renderToStaticMarkup(
    <MantineProvider>
      <QueryClientProvider client={qc}>
        <ScimSection />
      </QueryClientProvider>
    </MantineProvider>,
  );
};

beforeAll(async () => {
  await i18nReady;
  // the settings pages' own catalogue, as the router loads it with them
  i18n.addResourceBundle('ja', 'translation', ja, true, true);
  i18n.addResourceBundle('en', 'translation', en, true, true);
});

describe('Settings → SCIM', () => {
  it('lists the tokens (revoked ones marked, never a token value) and the group → role rules, in Japanese and English', async () => {
    await i18n.changeLanguage('ja');
    const ja = render();
    expect(ja).toContain('プロビジョニング (SCIM 2.0)');
    expect(ja).toContain('Entra ID (本番テナント)');
    expect(ja).toContain('失効済み');
    expect(ja).toContain('SG-Mamori-内部監査員');
    expect(ja).toContain('グループ全体');
    expect(ja).toContain('グループ ID でのサインイン');
    await i18n.changeLanguage('en');
    const en = render();
    expect(en).toContain('Provisioning (SCIM 2.0)');
    expect(en).toContain('Revoked');
    expect(en).toContain('Whole group');
    expect(en).toContain('Sign-in with Group ID');
    expect(en).toContain('SCIM provisioning');
    expect(en).not.toContain('settings.scim.');
  });
});
