/** Bilingual mail texts (Japanese first, then English): the recipient may read either. */
export const mails = {
  requestToApprove: (person: string, email: string, reason: string, url: string) => ({
    subject: '[Mamori] アカウント発行の承認依頼 / Account request to approve',
    body: `${person} さんのアカウント（${email}）の発行が申請されました。\n理由: ${reason}\n承認または却下: ${url}\n\nAn account (${email}) was requested for ${person}.\nReason: ${reason}\nApprove or reject: ${url}\n`,
  }),
  activation: (name: string, url: string) => ({
    subject: '[Mamori] アカウントが発行されました / Your account is ready',
    body: `${name} さん\n\nMamori のアカウントが承認されました。7 日以内に次のリンクからパスワードを設定してください。\n${url}\n\nDear ${name},\n\nYour Mamori account was approved. Set your password within 7 days at:\n${url}\n`,
  }),
  reviewDigest: (review: number, inactive: number, url: string) => ({
    subject: '[Mamori] ID の棚卸し / Account review',
    body: `ID の棚卸し: 確認待ちのアカウント ${review} 件、長期間使われていないアカウント ${inactive} 件があります。\n${url}\n\nAccount review: ${review} account(s) wait for your review and ${inactive} account(s) have not been used for a long time.\n${url}\n`,
  }),
};
