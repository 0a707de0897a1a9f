/**
 * States named in messages (contracts/messages.ts params): the same words as the web app's partner pages, so a
 * refusal says 「提出済み」 to a Japanese reader and "submitted" to an English one.
 */
import type { MessageParam } from '@mamori/contracts';

type Names = Record<string, { ja: string; en: string }>;
const named = (names: Names, key: string): MessageParam => names[key] ?? key;

const SHEET: Names = {
  draft: { ja: '未提出', en: 'not submitted' },
  submitted: { ja: '提出済み', en: 'submitted' },
  reopened: { ja: '再回答依頼中', en: 'reopened' },
  closed: { ja: '完了', en: 'closed' },
};
const REOPEN: Names = {
  pending: { ja: '回答待ち', en: 'pending' },
  approved: { ja: '承認済み', en: 'approved' },
  refused: { ja: '不承認', en: 'refused' },
};
const IR: Names = {
  open: { ja: '未回答', en: 'open' },
  answered: { ja: '回答済み', en: 'answered' },
  returned: { ja: '差戻し', en: 'returned' },
  accepted: { ja: '承認済み', en: 'accepted' },
};
const SETTLEMENT: Names = { returned: { ja: '返却', en: 'returned' }, disposed: { ja: '廃棄', en: 'disposed' } };

export const sheetStatusName = (status: string) => named(SHEET, status);
export const reopenStatusName = (status: string) => named(REOPEN, status);
export const irStatusName = (status: string) => named(IR, status);
export const settlementName = (settlement: string) => named(SETTLEMENT, settlement);
