/** Lifecycle stages and severities named in messages, in the web app's words (contracts/messages.ts params). */
import type { MessageParam } from '@mamori/contracts';

const STAGES: Record<string, { ja: string; en: string }> = {
  plan: { ja: '企画', en: 'plan' },
  design: { ja: '設計', en: 'design' },
  implement: { ja: '実装', en: 'implement' },
  verify: { ja: '検証', en: 'verify' },
  operate: { ja: '運用・保守', en: 'operate' },
  end_of_support: { ja: 'サポート終了', en: 'end_of_support' },
};
const SEVERITIES: Record<string, { ja: string; en: string }> = {
  low: { ja: '低', en: 'low' },
  medium: { ja: '中', en: 'medium' },
  high: { ja: '高', en: 'high' },
  critical: { ja: '緊急', en: 'critical' },
};

export const stageName = (stage: string): MessageParam => STAGES[stage] ?? stage;
export const severityName = (severity: string): MessageParam => SEVERITIES[severity] ?? severity;
