import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../api/types';
import { LANGUAGES } from '../i18n';
import { useMe, useUpdateMe } from '../modules/auth/api';

/** Switches the UI language; when signed in, also saves it to the user's profile (PATCH /me). */
export function LanguageSwitch({ testId = 'lang-switch' }: { testId?: string }) {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const update = useUpdateMe();
  const change = (value: string) => {
    const lng = value as Language;
    void i18n.changeLanguage(lng);
    if (me) update.mutate({ language: lng });
  };
  return (
    <SegmentedControl
      size="xs"
      value={i18n.language === 'ja' ? 'ja' : 'en'}
      onChange={change}
      disabled={update.isPending}
      data={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
      aria-label={t('language.label')}
      data-testid={testId}
    />
  );
}
