import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVulnerabilities } from './api';

interface Props {
  label: string;
  value: string | null;
  /** the label of the current value (the case is not necessarily in the first page of results) */
  valueLabel?: string | undefined;
  onChange: (id: string | null) => void;
  /** the case being edited, which cannot be its own original */
  exclude: string;
  disabled?: boolean;
  error?: string | undefined;
  testId?: string;
}

/** Searchable picker of another case (by number, title or CVE id), within the user's scope. */
export function CaseSelect({ label, value, valueLabel, onChange, exclude, disabled, error, testId }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.replace(/^#/, '').trim(), 250);
  const found = useVulnerabilities({ q: q || undefined });
  const [picked, setPicked] = useState<{ id: string; label: string } | null>(null);
  const options = new Map<string, string>();
  if (value && picked?.id === value) options.set(value, picked.label);
  else if (value && valueLabel) options.set(value, valueLabel);
  for (const v of found.items)
    if (v.id !== exclude) options.set(v.id, `${t('psirtCases.number', { number: v.number })} ${v.title}`);
  return (
    <Select
      label={label}
      placeholder={t('psirtCases.triage.duplicateSearch')}
      searchable
      clearable
      disabled={disabled}
      data={[...options].map(([v, l]) => ({ value: v, label: l }))}
      value={value}
      onChange={(id, option) => {
        setPicked(id && option ? { id, label: option.label } : null);
        onChange(id);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      data-testid={testId}
      w={360}
    />
  );
}
