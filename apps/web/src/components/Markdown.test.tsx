import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

const render = (text: string, imageSrc?: (name: string) => string) =>
  renderToStaticMarkup(
    <MantineProvider>
      <Markdown text={text} imageSrc={imageSrc} />
    </MantineProvider>,
  );

describe('Markdown', () => {
  it('shows a record image from Mamori only, on its own line, with its alt text', () => {
    const html = render('intro\n![A suspicious mail](image:mail-anatomy)\nafter', (n) => `/api/courses/c1/images/${n}`);
    expect(html).toContain('src="/api/courses/c1/images/mail-anatomy"');
    expect(html).toContain('alt="A suspicious mail"');
    expect(html).toContain('intro');
    expect(html).toContain('after');
  });

  it('never turns an outside URL, markup or script into an element', () => {
    const html = render(
      '![x](https://evil.example/x.png)\n<img src=x onerror=alert(1)>\n<script>alert(1)</script>',
      (n) => `/api/x/${n}`,
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;');
  });

  it('leaves image lines as text where the record has no images', () => {
    expect(render('![alt](image:one)')).not.toContain('<img');
  });

  it('renders headings, lists and bold', () => {
    const html = render('# Title\n- one\n- **two**\n1. first');
    expect(html).toMatch(/<h3[^>]*>Title<\/h3>/);
    expect(html).toContain('<strong>two</strong>');
    expect(html).toMatch(/<ol/);
  });
});
