import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18n from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18nReady } from '../../i18n';
import companiesEn from '../companies/i18n/en.json';
import companiesJa from '../companies/i18n/ja.json';
import { GroupMailTemplateSection } from './GroupMailTemplateSection';
import en from './i18n/en.json';
import ja from './i18n/ja.json';

const render = (data: unknown) => {
  const client = new QueryClient();
  client.setQueryData(['settings', 'mail-template'], data);
  return renderToStaticMarkup(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <GroupMailTemplateSection />
      </QueryClientProvider>
    </MantineProvider>,
  );
};

beforeAll(async () => {
  await i18nReady;
  for (const [lang, bundle] of [
    ['ja', ja],
    ['en', en],
    ['ja', companiesJa],
    ['en', companiesEn],
  ] as const)
    i18n.addResourceBundle(lang, 'translation', bundle, true, true);
});

describe('settings → the group’s mail template', () => {
  it('says the built-in frame applies before a save, and previews the group’s saved frame in the reader’s language', async () => {
    for (const [lang, builtIn, title, saved, greeting] of [
      ['ja', '組み込みの枠', 'グループのメールテンプレート', '保存済みの版 2', '山田 花子 様'],
      ['en', 'the built-in frame', 'Mail template of the group', 'Saved version 2', 'Dear Hanako Yamada,'],
    ] as const) {
      await i18n.changeLanguage(lang);
      const fresh = render({
        value: { senderName: '', subjectPrefix: '[Mamori]', greeting: { ja: '', en: '' }, signature: { ja: '', en: '' } },
        scope: 'default',
        version: 0,
        updatedAt: null,
      });
      expect(fresh).toContain(title);
      expect(fresh).toContain(builtIn);
      expect(fresh).not.toContain('Inherited');
      const html = render({
        value: {
          senderName: 'Hoshizora Group',
          subjectPrefix: '[Hoshizora]',
          greeting: { ja: '{{recipientName}} 様', en: 'Dear {{recipientName}},' },
          signature: { ja: '{{company}} 事務局', en: '{{company}} <b>office</b>' },
        },
        scope: 'group',
        version: 2,
        updatedAt: '2026-12-07T00:00:00.000Z',
      });
      expect(html).toContain(saved);
      expect(html).toContain(greeting);
      expect(html).not.toContain('<b>office</b>');
      expect(html).not.toMatch(/settings\.mailTemplate\.|companies\.mailTemplate\./);
      expect(html).toContain('data-testid="mail-template-save"');
    }
  });
});
