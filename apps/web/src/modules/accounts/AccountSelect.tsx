import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../api/types';
import { useAccountSearch } from './api';

type Choice = Pick<Account, 'id' | 'name' | 'email'>;

interface Props {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  testId?: string;
  /** where to search (default the account register, which needs accounts:read); e.g. a case's member candidates */
  searchPath?: string;
}

/** Searchable picker of a user account (by name or email). */
export function AccountSelect({ label, value, onChange, testId, searchPath }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState<Choice | undefined>();
  const { data } = useAccountSearch(q, searchPath);
  const accounts = new Map<string, Choice>();
  if (known) accounts.set(known.id, known);
  for (const a of data?.items ?? []) accounts.set(a.id, a);
  return (
    <Select
      label={label}
      placeholder={t('roles.searchUser')}
      searchable
      clearable
      data={[...accounts.values()].map((a) => ({ value: a.id, label: `${a.name} <${a.email}>` }))}
      value={value}
      onChange={(id) => {
        setKnown(id ? accounts.get(id) : undefined);
        onChange(id);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={t('common.nothingFound')}
      data-testid={testId}
      w={360}
      maw="100%"
    />
  );
}
