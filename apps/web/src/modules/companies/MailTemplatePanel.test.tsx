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
import { MailTemplatePanel } from './MailTemplatePanel';

const setting: EffectiveSetting = {
  key: 'mail.template',
  titleJa: 'メールのテンプレート',
  titleEn: 'Mail template',
  stricterOnly: false,
  value: {
    senderName: 'Hoshizora Solutions Security Office',
    subjectPrefix: '[Hoshizora Solutions]',
    greeting: { ja: '{{recipientName}} 様', en: 'Dear {{recipientName}},' },
    signature: { ja: '{{company}} 情報セキュリティ事務局', en: '{{company}} <b>security</b> office' },
  },
  source: 'company',
  sourceCompany: { id: '00000000-0000-4000-8000-000000000001', nameJa: '星空ソリューションズ', nameEn: 'Hoshizora Solutions' },
  ownVersion: 1,
  inherited: { senderName: '', subjectPrefix: '[Mamori]', greeting: { ja: '', en: '' }, signature: { ja: '', en: '' } },
  inheritedSource: 'default',
};
const company = { ja: '星空ソリューションズ', en: 'Hoshizora Solutions' };

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

describe('company settings → mail template', () => {
  it('shows each field with what it inherits and previews a mail in the reader’s language', async () => {
    for (const [lang, texts] of [
      [
        'ja',
        [
          '差出人の表示名',
          '継承値：[Mamori]',
          '継承値：（なし）',
          '山田 花子 様',
          '[Hoshizora Solutions] 誓約書への署名のお願い',
          '星空ソリューションズ 情報セキュリティ事務局',
          '{{company}}（受信者の会社）',
        ],
      ],
      [
        'en',
        [
          'Sender display name',
          'Inherited: [Mamori]',
          'Dear Hanako Yamada,',
          '[Hoshizora Solutions] Confidentiality pledge to sign',
          '{{recipientName}} may be used',
        ],
      ],
    ] as const) {
      await i18n.changeLanguage(lang);
      const html = render(<MailTemplatePanel unitId="u1" setting={setting} canEdit company={company} />);
      for (const text of texts) expect(html).toContain(text);
      expect(html).not.toContain('companies.mailTemplate.');
      expect(html).toContain('data-testid="mail-template-save"');
    }
  });

  it('shows a template as text, never as markup', async () => {
    await i18n.changeLanguage('en');
    const html = render(<MailTemplatePanel unitId="u1" setting={setting} canEdit={false} company={company} />);
    expect(html).toContain('Hoshizora Solutions &lt;b&gt;security&lt;/b&gt; office');
    expect(html).not.toContain('<b>security</b>');
    expect(html).not.toContain('data-testid="mail-template-save"');
  });
});
