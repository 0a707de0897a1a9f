import { z } from 'zod';
import { registerCompanySetting } from '../../platform/settings/company';
import { defineSetting } from '../../platform/settings/effective';

/**
 * Whether and how a company discloses material cybersecurity incidents to the US SEC (issue 17; setting
 * `incidents.secDisclosure`, per company): `none` (not listed in the US: no SEC clock), `domestic` (Form 8-K Item
 * 1.05, four business days after the materiality determination) or `foreign_private_issuer` (Form 6-K, "promptly",
 * tracked as a soft four-business-day target). Read for the incident's unit, so each company of a group answers for
 * itself and the group's value applies where a company has none.
 */
export const SEC_FILER_TYPES = ['none', 'domestic', 'foreign_private_issuer'] as const;
export type SecFilerType = (typeof SEC_FILER_TYPES)[number];

export const secDisclosureSetting = defineSetting(
  'incidents.secDisclosure',
  z.object({ filerType: z.enum(SEC_FILER_TYPES) }).strict(),
  (): { filerType: SecFilerType } => ({ filerType: 'none' }),
);

registerCompanySetting({
  setting: secDisclosureSetting,
  title: { ja: '米国SECへの開示(提出者の区分)', en: 'US SEC disclosure (filer type)' },
});
