import { DRILL_LINK_PLACEHOLDER } from '@mamori/contracts';

export interface MailFor {
  publicUrl: string;
  token: string;
  lang: 'ja' | 'en';
  reportLink: boolean;
  name: string;
}

/** The three tracked addresses of a recipient's mail. The language rides along so the landing page can speak it. */
export const trackedUrls = (publicUrl: string, token: string, lang: 'ja' | 'en') => ({
  click: `${publicUrl}/api/drill-links/c/${token}?l=${lang}`,
  open: `${publicUrl}/api/drill-links/o/${token}?l=${lang}`,
  report: `${publicUrl}/api/drill-links/r/${token}?l=${lang}`,
});

const REPORT_LINE = {
  ja: '不審なメールを情報セキュリティ事務局に報告する:',
  en: 'Report this mail to the security office as suspicious:',
};
const ATTACHMENT_TEXT = {
  ja: 'この文書は保護されています。内容を表示するには次のリンクを開いてください。\n',
  en: 'This document is protected. Open the following link to view it.\n',
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A drill mail for one recipient: the template's text with `{{link}}` and `{{name}}` filled in, as plain text and
 * as HTML (the same text, the link as an anchor, a 1×1 tracking image), the "report" line if the drill has it, and
 * the harmless text attachment (which holds the tracked link too).
 */
export function renderMail(
  m: MailFor,
  t: { subject: string; body: string },
  attachmentName: string | null = null,
): { subject: string; text: string; html: string; attachment: { filename: string; content: string } | null } {
  const urls = trackedUrls(m.publicUrl, m.token, m.lang);
  const fill = (s: string) => s.split('{{name}}').join(m.name);
  const parts = fill(t.body).split(DRILL_LINK_PLACEHOLDER);
  let text = parts.join(urls.click);
  let html = parts
    .map((p) => escapeHtml(p).replace(/\n/g, '<br>'))
    .join(`<a href="${escapeHtml(urls.click)}">${escapeHtml(urls.click)}</a>`);
  if (m.reportLink) {
    text += `\n\n--\n${REPORT_LINE[m.lang]} ${urls.report}\n`;
    html += `<br><br>--<br><small>${escapeHtml(REPORT_LINE[m.lang])} <a href="${escapeHtml(urls.report)}">${escapeHtml(urls.report)}</a></small>`;
  }
  html = `<!doctype html><html lang="${m.lang}"><body>${html}<img src="${escapeHtml(urls.open)}" width="1" height="1" alt=""></body></html>`;
  return {
    subject: fill(t.subject),
    text,
    html,
    attachment: attachmentName ? { filename: attachmentName, content: `${ATTACHMENT_TEXT[m.lang]}${urls.click}\n` } : null,
  };
}
