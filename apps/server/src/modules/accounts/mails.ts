/** Account mail texts in Japanese and English: the outbox sends each recipient theirs (both when nothing decides it). */
export const mails = {
  requestToApprove: (person: { ja: string; en: string }, email: string, reason: string, url: string) => ({
    subject: { ja: '[Mamori] アカウント発行の承認依頼', en: '[Mamori] Account request to approve' },
    body: {
      ja: `${person.ja} さんのアカウント（${email}）の発行が申請されました。\n理由: ${reason}\n承認または却下: ${url}\n`,
      en: `An account (${email}) was requested for ${person.en}.\nReason: ${reason}\nApprove or reject: ${url}\n`,
    },
  }),
  activation: (name: { ja: string; en: string }, url: string) => ({
    subject: { ja: '[Mamori] アカウントが発行されました', en: '[Mamori] Your account is ready' },
    body: {
      ja: `${name.ja} さん\n\nMamori のアカウントが承認されました。7 日以内に次のリンクからパスワードを設定してください。\n${url}\n`,
      en: `Dear ${name.en},\n\nYour Mamori account was approved. Set your password within 7 days at:\n${url}\n`,
    },
  }),
  reviewDigest: (review: number, inactive: number, url: string) => ({
    subject: { ja: '[Mamori] ID の棚卸し', en: '[Mamori] Account review' },
    body: {
      ja: `ID の棚卸し: 確認待ちのアカウント ${review} 件、長期間使われていないアカウント ${inactive} 件があります。\n${url}\n`,
      en: `Account review: ${review} account(s) wait for your review and ${inactive} account(s) have not been used for a long time.\n${url}\n`,
    },
  }),
};
