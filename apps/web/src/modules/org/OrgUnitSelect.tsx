import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { useOrgSearch, useOrgUnit } from './api';

interface Props {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: React.ReactNode;
  required?: boolean;
  clearable?: boolean;
  testId?: string;
  placeholder?: string;
}

/** Searchable picker of one org unit (server-side search by code or name). */
export function OrgUnitSelect({ label, value, onChange, error, required, clearable, testId, placeholder }: Props) {
  const { t } = useTranslation();
  const name = useLocalName();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const { data } = useOrgSearch(q);
  const selected = useOrgUnit(value);
  const options = new Map<string, string>();
  if (value && selected.data) options.set(value, `${selected.data.code} ${name(selected.data)}`);
  for (const u of data?.items ?? []) options.set(u.id, `${u.code} ${name(u)}`);
  return (
    <Select
      label={label}
      placeholder={placeholder ?? t('org.searchUnit')}
      searchable
      clearable={clearable}
      required={required}
      data={[...options].map(([v, l]) => ({ value: v, label: l }))}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      data-testid={testId}
    />
  );
}
