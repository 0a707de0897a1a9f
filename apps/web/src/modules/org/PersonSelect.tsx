import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../api/types';
import { useLocalName } from '../../components/names';
import { usePeopleSearch } from './api';

interface Props {
  label: string;
  value: string | null;
  onChange: (id: string | null, person: Person | undefined) => void;
  error?: React.ReactNode;
  required?: boolean;
  testId?: string;
}

/** Searchable picker of one active person (server-side search). */
export function PersonSelect({ label, value, onChange, error, required, testId }: Props) {
  const { t } = useTranslation();
  const name = useLocalName();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState<Person | undefined>();
  const { data } = usePeopleSearch(q);
  const people = new Map<string, Person>();
  if (known) people.set(known.id, known);
  for (const p of data?.items ?? []) people.set(p.id, p);
  return (
    <Select
      label={label}
      placeholder={t('people.searchPerson')}
      searchable
      required={required}
      data={[...people.values()].map((p) => ({ value: p.id, label: `${p.employeeNo} ${name(p)}` }))}
      value={value}
      onChange={(id) => {
        const p = id ? people.get(id) : undefined;
        setKnown(p);
        onChange(id, p);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      data-testid={testId}
    />
  );
}
