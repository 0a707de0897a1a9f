import { MantineProvider } from '@mantine/core';
import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { DateField, DateTimeField } from './DateField';

async function render(lang: 'ja' | 'en', node: React.ReactNode) {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ lng: lang, resources: {} });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MantineProvider>{node}</MantineProvider>
    </I18nextProvider>,
  );
}

const inputOf = (html: string) => /<input[^>]*data-dates-input[^>]*>/.exec(html)?.[0] ?? '';

describe('DateField', () => {
  it('shows a day in the reader’s format in a text input, never a native date input', async () => {
    const ja = inputOf(await render('ja', <DateField label="期限" value="2026-12-07" />));
    expect(ja).toContain('value="2026/12/07"');
    expect(ja).not.toMatch(/type="date/);
    const en = inputOf(await render('en', <DateField label="Due" value="2026-12-07" />));
    expect(en).toContain('value="7 Dec 2026"');
  });

  it('shows a moment with its time, and nothing for an empty value', async () => {
    expect(inputOf(await render('ja', <DateTimeField label="発見" value="2026-12-07T14:30" />))).toContain(
      'value="2026/12/07 14:30"',
    );
    expect(inputOf(await render('en', <DateField label="Due" value="" />))).toContain('value=""');
  });
});
