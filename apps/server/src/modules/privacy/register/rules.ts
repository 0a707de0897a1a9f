import type { ActivityInput } from '@mamori/contracts';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { addDays, isoDate, localOf } from '../../../platform/deadlines/zoned-time';
import { fieldError, type FieldError } from '../../../platform/errors/app-error';
import { assetsByIds } from '../../assets/service';
import { peopleByIds } from '../../org/service';
import { partnersByIds } from '../../partners/service';
import { categoryById, lawsFor, privacyCatalog, transferBasisById } from '../catalog';
import { personalDataCoursePassed } from './training-seam';

type Input = z.output<typeof ActivityInput>;

/** Today in Asia/Tokyo (YYYY-MM-DD). */
export const tokyoDay = (at = new Date()) => isoDate(localOf(at.getTime(), 'Asia/Tokyo'));

/** The day the next yearly review is due after a review (or creation) at `at`. */
export function nextReviewDay(at = new Date()): string {
  const d = localOf(at.getTime(), 'Asia/Tokyo');
  const months = privacyCatalog().review.everyMonths;
  const idx = d.y * 12 + d.m - 1 + months;
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return isoDate({ y, m, d: Math.min(d.d, last) });
}
/** The day the review reminder goes out for a due day. */
export const reminderDay = (dueOn: string) => {
  const [y, m, d] = dueOn.split('-').map(Number) as [number, number, number];
  return isoDate(addDays({ y, m, d }, -privacyCatalog().review.remindDaysBefore));
};

/** What an entry's fields imply: special care, My Number, the laws. */
export function derived(input: Pick<Input, 'categories' | 'subjectCountries'>) {
  const cats = input.categories.map(categoryById);
  return {
    specialCare: cats.some((c) => c?.specialCare),
    myNumber: cats.some((c) => c?.myNumber),
    laws: lawsFor(input.subjectCountries),
  };
}

/**
 * Every problem of an entry, all at once (RFC 9457 lists each failing field): catalogue ids, the basis of special
 * care-required data, each transfer's country and basis, and that the storage assets, handlers and processors exist.
 *
 * Handlers (issue #13/#14: trained before they start): a person is recorded as a handler only with a valid pass of
 * the personal-data course — never assigned, assigned and open, or lapsed are all refused, naming the field and the
 * person. `keptHandlerIds` are the handlers the entry already has: an edit that keeps them is not refused because a
 * pass has lapsed since (the entry shows them as not trained and the yearly review sees it).
 */
export async function entryProblems(db: Db, input: Input, keptHandlerIds: readonly string[] = []): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  const catalog = privacyCatalog();
  input.categories.forEach((c, i) => {
    if (!categoryById(c)) problems.push(fieldError(`body.categories.${i}`, 'privacy.category_unknown'));
  });
  input.subjectKinds.forEach((k, i) => {
    if (!catalog.subjectKinds.some((s) => s.id === k))
      problems.push(fieldError(`body.subjectKinds.${i}`, 'privacy.subject_kind_unknown'));
  });
  if (derived(input).specialCare && !input.specialCareBasis.trim())
    problems.push(fieldError('body.specialCareBasis', 'privacy.special_care_basis_required'));
  input.transfers.forEach((t, i) => {
    if (!/^[A-Z]{2}$/.test(t.country))
      problems.push(fieldError(`body.transfers.${i}.country`, 'privacy.transfer_country_required'));
    if (!t.basis) problems.push(fieldError(`body.transfers.${i}.basis`, 'privacy.transfer_basis_required'));
    else if (!transferBasisById(t.basis))
      problems.push(fieldError(`body.transfers.${i}.basis`, 'privacy.transfer_basis_unknown'));
  });
  const [assets, persons, partners] = await Promise.all([
    assetsByIds(db, input.storageAssetIds),
    peopleByIds(db, input.handlerPersonIds),
    partnersByIds(db, input.processorPartnerIds),
  ]);
  input.storageAssetIds.forEach((id, i) => {
    if (!assets.some((a) => a.id === id)) problems.push(fieldError(`body.storageAssetIds.${i}`, 'privacy.asset_unknown'));
  });
  const trained = await personalDataCoursePassed(db, input.handlerPersonIds);
  input.handlerPersonIds.forEach((id, i) => {
    const p = persons.find((x) => x.id === id);
    if (!p) problems.push(fieldError(`body.handlerPersonIds.${i}`, 'privacy.handler_unknown'));
    else if (trained.get(id) !== true && !keptHandlerIds.includes(id))
      problems.push(
        fieldError(`body.handlerPersonIds.${i}`, 'privacy.handler_untrained', { name: { ja: p.nameJa, en: p.nameEn } }),
      );
  });
  input.processorPartnerIds.forEach((id, i) => {
    if (!partners.some((p) => p.id === id))
      problems.push(fieldError(`body.processorPartnerIds.${i}`, 'privacy.processor_unknown'));
  });
  return problems;
}
