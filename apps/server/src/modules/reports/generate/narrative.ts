/**
 * The narrative's markdown subset, parsed into plain structures the PDF and DOCX writers lay out: paragraphs
 * (separated by a blank line), bullet lists (lines starting with "- ") and **bold** runs. Nothing else has meaning:
 * the text is never evaluated, and the writers place it as text.
 */
export interface Run {
  text: string;
  bold: boolean;
}
export type Block = { kind: 'p'; runs: Run[] } | { kind: 'ul'; items: Run[][] };

export function runs(line: string): Run[] {
  const out: Run[] = [];
  const parts = line.split('**');
  parts.forEach((text, i) => {
    if (text) out.push({ text, bold: i % 2 === 1 && i < parts.length - 1 });
  });
  return out;
}

export function parseNarrative(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = chunk.split('\n').filter((l) => l.trim());
    if (!lines.length) continue;
    let para: string[] = [];
    let items: Run[][] = [];
    const flush = () => {
      if (para.length) blocks.push({ kind: 'p', runs: runs(para.join(' ')) });
      if (items.length) blocks.push({ kind: 'ul', items });
      para = [];
      items = [];
    };
    for (const l of lines) {
      const m = /^\s*[-・]\s+(.*)$/.exec(l);
      if (m) {
        if (para.length) flush();
        items.push(runs(m[1]!));
      } else {
        if (items.length) flush();
        para.push(l.trim());
      }
    }
    flush();
  }
  return blocks;
}
