import { Image, List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** `**bold**` inside a line, as React text (never HTML). */
function inline(text: string): ReactNode[] {
  return text
    .split(/(\*\*[^*]+\*\*)/g)
    .map((part, i) =>
      part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={i}>{part.slice(2, -2)}</strong> : part,
    );
}

const LIST_ITEM = /^\s*([-*]|\d+\.)\s+/;
/** An image on a line of its own: `![alt](image:name)`; only the `image:` scheme, so a text can show no outside URL. */
const IMAGE_LINE = /^\s*!\[([^\]\n]*)\]\(image:([a-z0-9][a-z0-9-]{0,39})\)\s*$/;

/**
 * The small Markdown the group's texts use (documents, course bodies, pledges): headings (#–####), paragraphs, bulleted
 * and numbered lists, bold, and — where the text's owner gives `imageSrc` — images of that record
 * (`![alt](image:name)` on a line of its own). Everything becomes React elements; nothing is ever parsed as HTML, so
 * no markup or script in a text can run, and an image can only come from Mamori's own API.
 */
export function Markdown({ text, testId, imageSrc }: { text: string; testId?: string; imageSrc?: (name: string) => string }) {
  const blocks: ReactNode[] = [];
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const image = IMAGE_LINE.exec(line);
    if (heading) {
      const order = Math.min(heading[1]!.length + 2, 6) as 3 | 4 | 5 | 6;
      blocks.push(
        <Title key={i} order={order}>
          {inline(heading[2]!)}
        </Title>,
      );
      i++;
    } else if (image && imageSrc) {
      blocks.push(
        <Image key={i} src={imageSrc(image[2]!)} alt={image[1]!} maw="100%" w="auto" fit="contain" loading="lazy" radius="sm" />,
      );
      i++;
    } else if (LIST_ITEM.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      // a list goes on while its items keep their kind: "1." after "-" starts a numbered list
      while (i < lines.length && LIST_ITEM.test(lines[i]!) && /^\s*\d+\./.test(lines[i]!) === ordered)
        items.push(lines[i++]!.replace(LIST_ITEM, ''));
      blocks.push(
        <List key={i} type={ordered ? 'ordered' : 'unordered'} spacing={4}>
          {items.map((item, n) => (
            <List.Item key={n}>{inline(item)}</List.Item>
          ))}
        </List>,
      );
    } else if (line.trim()) {
      const para: string[] = [];
      while (
        i < lines.length &&
        lines[i]!.trim() &&
        !/^(#{1,4}\s|\s*([-*]|\d+\.)\s)/.test(lines[i]!) &&
        !(imageSrc && IMAGE_LINE.test(lines[i]!))
      )
        para.push(lines[i++]!);
      blocks.push(<Text key={i}>{inline(para.join(' '))}</Text>);
    } else i++;
  }
  return (
    <Stack gap="sm" data-testid={testId}>
      {blocks}
    </Stack>
  );
}
