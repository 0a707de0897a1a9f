import { List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** `**bold**` inside a line, as React text (never HTML). */
function inline(text: string): ReactNode[] {
  return text
    .split(/(\*\*[^*]+\*\*)/g)
    .map((part, i) =>
      part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={i}>{part.slice(2, -2)}</strong> : part,
    );
}

/**
 * A document's body: a small subset of Markdown (headings, paragraphs, bulleted and numbered lists, bold) turned into
 * React elements. Nothing in a body is ever parsed as HTML, so no markup or script in it can run.
 */
export function Markdown({ text, testId }: { text: string; testId?: string }) {
  const blocks: ReactNode[] = [];
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const order = Math.min(heading[1]!.length + 2, 6) as 3 | 4 | 5 | 6;
      blocks.push(
        <Title key={i} order={order}>
          {inline(heading[2]!)}
        </Title>,
      );
      i++;
    } else if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      while (i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i]!))
        items.push(lines[i++]!.replace(/^\s*([-*]|\d+\.)\s+/, ''));
      blocks.push(
        <List key={i} type={ordered ? 'ordered' : 'unordered'} spacing={4}>
          {items.map((item, n) => (
            <List.Item key={n}>{inline(item)}</List.Item>
          ))}
        </List>,
      );
    } else if (line.trim()) {
      const para: string[] = [];
      while (i < lines.length && lines[i]!.trim() && !/^(#{1,4}\s|\s*([-*]|\d+\.)\s)/.test(lines[i]!)) para.push(lines[i++]!);
      blocks.push(<Text key={i}>{inline(para.join(' '))}</Text>);
    } else i++;
  }
  return (
    <Stack gap="sm" data-testid={testId}>
      {blocks}
    </Stack>
  );
}
