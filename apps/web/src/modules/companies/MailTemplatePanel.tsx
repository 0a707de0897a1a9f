import type { MailTemplate } from '@mamori/contracts';
import { saveCompanySetting, useCompaniesMutation, type EffectiveSetting } from './api';
import { MailTemplateForm } from './MailTemplateForm';

/** The company's own mail template (`mail.template`), each field with the value the company inherits beside it. */
export function MailTemplatePanel({
  unitId,
  setting,
  canEdit,
  company,
}: {
  unitId: string;
  setting: EffectiveSetting;
  canEdit: boolean;
  company: { ja: string; en: string };
}) {
  const save = useCompaniesMutation((v: MailTemplate) => saveCompanySetting(unitId, setting.key, v, setting.ownVersion));
  return (
    <MailTemplateForm
      value={setting.value as MailTemplate}
      inherited={setting.inherited as MailTemplate}
      canEdit={canEdit}
      company={company}
      save={save}
    />
  );
}
