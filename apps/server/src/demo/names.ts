import {
  DEMO_EMAIL_DOMAIN,
  japaneseGivenNames,
  japaneseSurnames,
  singaporeChineseGivenNames,
  singaporeChineseSurnames,
  singaporeOtherNames,
} from '../modules/org/demo-data';
import type { Random } from './random';

export interface DemoName {
  ja: string;
  en: string;
  email: string;
}

const local = (en: string) =>
  en
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');

/** A unique e-mail address for the name: a number is added when it is taken. */
function email(en: string, taken: Set<string>): string {
  const base = local(en);
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
  taken.add(candidate);
  return `${candidate}@${DEMO_EMAIL_DOMAIN}`;
}

/** 田中 翔太 / Shota Tanaka; in Singapore 陳 偉明 / Tan Wei Ming, or a Malay, Indian or English name. */
export function personName(random: Random, names: 'japanese' | 'singapore', taken: Set<string>): DemoName {
  if (names === 'japanese') {
    const [sj, se] = random.pick(japaneseSurnames);
    const [gj, ge] = random.pick(japaneseGivenNames);
    return { ja: `${sj} ${gj}`, en: `${ge} ${se}`, email: email(`${ge} ${se}`, taken) };
  }
  if (random.chance(0.6)) {
    const [sj, se] = random.pick(singaporeChineseSurnames);
    const [gj, ge] = random.pick(singaporeChineseGivenNames);
    return { ja: `${sj} ${gj}`, en: `${se} ${ge}`, email: email(`${ge} ${se}`, taken) };
  }
  const [ja, en] = random.pick(singaporeOtherNames);
  return { ja, en, email: email(en, taken) };
}
