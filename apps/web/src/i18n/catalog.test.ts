import {
  ACCOUNT_STATUSES,
  ACTIONS,
  NOTIFICATION_KINDS,
  NOTIFICATION_PARAMS,
  notificationKeys,
  ORG_KINDS,
  PERSON_KINDS,
  PERSON_STATUSES,
  ROLES,
} from '@mamori/contracts';
import { describe, expect, it } from 'vitest';
import { NAV, NAV_SECTIONS } from '../app/nav';
import en from './en.json';
import ja from './ja.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** The domains' own catalogues (modules/<domain>/i18n/{ja,en}.json, loaded with their pages: modules.ts). */
const moduleFiles = import.meta.glob<Tree>('../modules/*/i18n/*.json', { eager: true, import: 'default' });
const moduleCatalogues = Object.entries(moduleFiles).map(([path, tree]) => {
  const [, domain, lang] = /modules\/([^/]+)\/i18n\/(ja|en)\.json$/.exec(path) ?? [];
  return { domain: domain!, lang: lang as 'ja' | 'en', keys: flatten(tree) };
});
const shell = { ja: flatten(ja), en: flatten(en) };
/** The shell's catalogue and every domain's, as the reader ends up with them. */
const catalogues = {
  ja: new Map([...shell.ja, ...moduleCatalogues.filter((m) => m.lang === 'ja').flatMap((m) => [...m.keys])]),
  en: new Map([...shell.en, ...moduleCatalogues.filter((m) => m.lang === 'en').flatMap((m) => [...m.keys])]),
};
const placeholders = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('have the same keys in ja and en, and no empty value', () => {
    const missingInEn = [...catalogues.ja.keys()].filter((k) => !catalogues.en.has(k));
    const missingInJa = [...catalogues.en.keys()].filter((k) => !catalogues.ja.has(k));
    expect({ missingInEn, missingInJa }).toEqual({ missingInEn: [], missingInJa: [] });
    for (const [lang, cat] of Object.entries(catalogues)) {
      const empty = [...cat].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('give each domain both languages, and no key that the shell or another domain already has', () => {
    const domains = [...new Set(moduleCatalogues.map((m) => m.domain))];
    for (const d of domains)
      expect(
        moduleCatalogues
          .filter((m) => m.domain === d)
          .map((m) => m.lang)
          .sort(),
      ).toEqual(['en', 'ja']);
    const owner = new Map<string, string>([...shell.en.keys()].map((k) => [k, 'shell']));
    const clashes: string[] = [];
    for (const m of moduleCatalogues.filter((c) => c.lang === 'en')) {
      for (const k of m.keys.keys()) {
        const had = owner.get(k);
        if (had) clashes.push(`${k}: ${had} and ${m.domain}`);
        else owner.set(k, m.domain);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('use the same {{placeholders}} in both languages', () => {
    const differ = [...catalogues.ja].filter(
      ([k, v]) => placeholders(v).join() !== placeholders(catalogues.en.get(k) ?? '').join(),
    );
    expect(differ.map(([k]) => k)).toEqual([]);
  });

  it('name every role, action, kind and status of the contract', () => {
    const needed = [
      ...ROLES.map((r) => `enum.role.${r}`),
      ...ACTIONS.map((a) => `enum.action.${a}`),
      ...ORG_KINDS.map((k) => `enum.orgKind.${k}`),
      ...PERSON_KINDS.map((k) => `enum.personKind.${k}`),
      ...PERSON_STATUSES.map((s) => `enum.personStatus.${s}`),
      ...ACCOUNT_STATUSES.map((s) => `enum.accountStatus.${s}`),
      ...['pending', 'approved', 'rejected'].map((s) => `enum.requestStatus.${s}`),
      ...['left', 'moved', 'no_person'].map((s) => `enum.reviewReason.${s}`),
      ...NAV.flatMap((n) => [n.label, `${n.label}Help`]),
      ...NAV_SECTIONS.map((s) => `navSection.${s}`),
      ...['ja', 'en'].map((l) => `language.${l}`),
      ...['accounts', 'requests', 'review'].map((k) => `accounts.tabs.${k}`),
    ];
    for (const cat of Object.values(catalogues)) expect(needed.filter((k) => !cat.has(k))).toEqual([]);
  });

  it('contain every key the source passes to t()', () => {
    const sources = import.meta.glob<string>(['../**/*.tsx', '../**/*.ts', '!../**/*.test.ts'], {
      query: '?raw',
      import: 'default',
      eager: true,
    });
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(m[1]!);
      // t(cond ? 'a.b' : 'c.d')
      for (const m of text.matchAll(/\bt\([^()']*\?\s*'([^']+)'\s*:\s*'([^']+)'/g)) used.add(m[1]!).add(m[2]!);
    }
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !catalogues.ja.has(k) || !catalogues.en.has(k));
    expect(missing).toEqual([]);
  });
});

describe('notification texts', () => {
  it('give every kind a title and a body in both languages, filled with exactly the values the server sends', () => {
    const wrong: string[] = [];
    for (const kind of NOTIFICATION_KINDS) {
      const { titleKey, bodyKey } = notificationKeys(kind);
      for (const [lang, cat] of Object.entries(catalogues)) {
        if (!cat.has(titleKey) || !cat.has(bodyKey)) wrong.push(`${lang} ${kind}: missing`);
        const used = new Set([...placeholders(cat.get(titleKey) ?? ''), ...placeholders(cat.get(bodyKey) ?? '')]);
        if ([...used].sort().join() !== [...NOTIFICATION_PARAMS[kind]].sort().join())
          wrong.push(`${lang} ${kind}: uses {{${[...used].join(', ')}}}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('have no text for a kind the server does not send', () => {
    const known = new Set(NOTIFICATION_KINDS.map((k) => notificationKeys(k).titleKey.replace(/\.title$/, '')));
    const stale = [...catalogues.en.keys()]
      .filter((k) => k.startsWith('notifications.messages.'))
      .map((k) => k.replace(/\.(title|body)$/, ''))
      .filter((k) => !known.has(k));
    expect(stale).toEqual([]);
  });
});

describe('audit labels', () => {
  it('name every action and target type the server writes to the audit log', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const serverSrc = new URL('../../../server/src', import.meta.url).pathname;
    const files = (readdirSync(serverSrc, { recursive: true }) as string[]).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const actions = new Set<string>();
    const targets = new Set<string>();
    for (const f of files) {
      const text = readFileSync(join(serverSrc, f), 'utf8');
      for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_-]+)'/g)) actions.add(m[1]!);
      for (const m of text.matchAll(/targetType: '([a-z_]+)'/g)) targets.add(m[1]!);
    }
    expect(actions.size).toBeGreaterThan(10);
    const key = (code: string) => code.replace(/[.-]/g, '_');
    const missing = [
      ...[...actions].filter((a) => !catalogues.en.has(`auditAction.${key(a)}`)).map((a) => `action ${a}`),
      ...[...targets].filter((tt) => !catalogues.en.has(`auditTarget.${key(tt)}`)).map((tt) => `target ${tt}`),
    ];
    expect(missing).toEqual([]);
  });
});
