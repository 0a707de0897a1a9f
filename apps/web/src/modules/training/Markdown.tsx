import { List, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Bold runs (**text**) inside a line, as React elements: no HTML from the course text ever reaches the page. */
function inline(line: string): ReactNode[] {
  return line
    .split(/(\*\*[^*]+\*\*)/g)
    .map((part, i) =>
      part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={i}>{part.slice(2, -2)}</strong> : part,
    );
}

/**
 * The small Markdown a course body uses — headings (#, ##), bullet and numbered lists, paragraphs, bold — rendered
 * as React elements (text nodes only), so the rich text is safe whatever an editor types.
 */
export function Markdown({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (list)
      blocks.push(
        <List key={blocks.length} type={list.ordered ? 'ordered' : 'unordered'} mb="sm" withPadding>
          {list.items.map((i, n) => (
            <List.Item key={n}>{inline(i)}</List.Item>
          ))}
        </List>,
      );
    list = null;
  };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+\.\s+(.*)$/.exec(line);
    if (bullet || numbered) {
      const ordered = !!numbered;
      if (!list || list.ordered !== ordered) {
        flush();
        list = { ordered, items: [] };
      }
      list.items.push((bullet ?? numbered)![1]!);
      continue;
    }
    flush();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading)
      blocks.push(
        <Title key={blocks.length} order={heading[1]!.length === 1 ? 3 : 4} mb="xs">
          {heading[2]}
        </Title>,
      );
    else if (line.trim())
      blocks.push(
        <Text key={blocks.length} mb="sm">
          {inline(line)}
        </Text>,
      );
  }
  flush();
  return <div data-testid="course-body">{blocks}</div>;
}

/** A horizontal bar for a rate (0–1): the table's simple chart, with the figure as text beside it. */
export function RateBar({ rate, label }: { rate: number; label: string }) {
  const pct = Math.round(rate * 100);
  const color =
    pct >= 90 ? 'var(--mantine-color-green-7)' : pct >= 70 ? 'var(--mantine-color-yellow-7)' : 'var(--mantine-color-red-7)';
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 140 }}>
      <div
        role="img"
        aria-label={label}
        style={{ flex: 1, height: 10, background: 'var(--mantine-color-gray-2)', borderRadius: 4, overflow: 'hidden' }}
      >
        <div style={{ width: `${pct}%`, height: '100%', background: color }} />
      </div>
      <Text size="sm" style={{ width: 44, textAlign: 'right' }}>
        {pct}%
      </Text>
    </div>
  );
}
