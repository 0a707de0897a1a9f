import { rectCanvas } from '../../platform/files/png';

type Rgb = [number, number, number];
const GRAY: Rgb = [241, 243, 245];
const BORDER: Rgb = [173, 181, 189];
const TEXT: Rgb = [134, 142, 150];
const WHITE: Rgb = [255, 255, 255];
const BAR: Rgb = [52, 58, 64];
const LINK: Rgb = [25, 113, 194];
const CLIP: Rgb = [230, 119, 0];
const RED: Rgb = [224, 49, 49];

/**
 * "A targeted attack mail, and where to look": a mail window drawn as shapes (the course text names each red frame:
 * sender, subject, link, attachment), so the catalogue's course shows a real picture without a stored binary.
 */
function mailAnatomy(): Buffer {
  const c = rectCanvas(640, 360, GRAY);
  const frame = (x: number, y: number, w: number, h: number) => {
    c.fill(x - 4, y - 4, w + 8, 3, RED);
    c.fill(x - 4, y + h + 1, w + 8, 3, RED);
    c.fill(x - 4, y - 4, 3, h + 8, RED);
    c.fill(x + w + 1, y - 4, 3, h + 8, RED);
  };
  c.fill(40, 24, 560, 312, BORDER);
  c.fill(42, 26, 556, 308, WHITE);
  c.fill(42, 26, 556, 28, BAR); // title bar
  for (const [x, colour] of [
    [56, RED],
    [76, CLIP],
    [96, [47, 158, 68] as Rgb],
  ] as const)
    c.fill(x, 35, 10, 10, colour);
  // From: a display name and an address that does not match it
  c.fill(60, 72, 60, 10, TEXT);
  c.fill(132, 70, 230, 14, BAR);
  frame(132, 70, 230, 14);
  // Subject, with its pressing word
  c.fill(60, 100, 60, 10, TEXT);
  c.fill(132, 98, 120, 14, BAR);
  c.fill(258, 98, 70, 14, RED);
  frame(258, 98, 70, 14);
  c.fill(42, 124, 556, 2, BORDER);
  // the body
  for (const [y, w] of [
    [146, 470],
    [166, 500],
    [186, 430],
    [228, 480],
    [248, 360],
  ] as const)
    c.fill(60, y, w, 10, TEXT);
  // the link whose target differs from its text
  c.fill(60, 204, 260, 12, LINK);
  frame(60, 204, 260, 12);
  // the attachment
  c.fill(60, 284, 150, 30, CLIP);
  c.fill(68, 292, 14, 14, WHITE);
  c.fill(90, 294, 100, 10, WHITE);
  frame(60, 284, 150, 30);
  return c.png();
}

/** The images the catalogue's course texts show, by course code and image name. */
export const catalogImages: Record<string, Record<string, () => Buffer>> = {
  'TARGETED-MAIL': { 'mail-anatomy': mailAnatomy },
};
