import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { useProduct, useProductSearch } from './api';

interface Props {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  /** products already chosen elsewhere, left out of the options */
  exclude?: string[];
  clearable?: boolean;
  testId?: string;
  w?: number;
}

/** Searchable picker of one product (server-side search by code or name; only products in the user's scope). */
export function ProductSelect({ label, value, onChange, exclude = [], clearable, testId, w = 260 }: Props) {
  const { t } = useTranslation();
  const name = useLocalName();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const found = useProductSearch(q);
  const selected = useProduct(value);
  const options = new Map<string, string>();
  if (value && selected.data) options.set(value, `${selected.data.code} ${name(selected.data)}`);
  for (const p of found.data?.items ?? []) if (!exclude.includes(p.id)) options.set(p.id, `${p.code} ${name(p)}`);
  return (
    <Select
      label={label}
      placeholder={t('psirtCases.product.search')}
      searchable
      clearable={clearable}
      data={[...options].map(([v, l]) => ({ value: v, label: l }))}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={t('common.nothingFound')}
      data-testid={testId}
      w={w}
    />
  );
}
