import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ClassificationScheme, CustomFields } from '@mamori/contracts';
import { registerCompanySetting } from '../../../platform/settings/company';
import { defineSetting } from '../../../platform/settings/effective';
import { looserClassRules } from './stricter';

/**
 * The two settings of the assets domain, read only through `effectiveSetting` for the unit at hand:
 * - `assets.classification`: the classes and their handling rules (built-in default: catalogs/asset-classification.json,
 *   極秘 / 秘 / 社外秘 / 公開 with rules and notes in ja + en);
 * - `assets.customFields`: the fields the security office adds to every asset (none by default).
 */
const catalogFile = fileURLToPath(new URL('../../../../../../catalogs/asset-classification.json', import.meta.url));

let defaults: ClassificationScheme | undefined;
export const defaultScheme = (): ClassificationScheme =>
  structuredClone((defaults ??= ClassificationScheme.parse(JSON.parse(readFileSync(catalogFile, 'utf8')))));

export const classificationSetting = defineSetting('assets.classification', ClassificationScheme, defaultScheme);
export const customFieldsSetting = defineSetting('assets.customFields', CustomFields, (): CustomFields => []);

// A company may set its own scheme, stricter only (issue #22, docs/group.md).
export const classificationCompanySetting = registerCompanySetting({
  setting: classificationSetting,
  title: { ja: '機密区分と取扱い規則', en: 'Classification scheme and handling rules' },
  stricter: looserClassRules,
});
