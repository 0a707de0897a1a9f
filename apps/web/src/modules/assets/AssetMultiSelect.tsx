import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssetSearch } from './api';

export type AssetRef = { id: string; name: string };

interface Props {
  label: string;
  /** the assets offered are those of this unit's subtree (none until a unit is chosen) */
  unitId: string | null;
  value: AssetRef[];
  onChange: (assets: AssetRef[]) => void;
  error?: React.ReactNode;
  readOnly?: boolean;
  max?: number;
  testId?: string;
}

/**
 * Picks assets by searching the ledger as one types (`GET /api/assets?q=&unitId=`, the bigram search): the chosen
 * ones stay shown by name, the offers are the first 20 matches in the unit's subtree that the reader may see.
 */
export function AssetMultiSelect({ label, unitId, value, onChange, error, readOnly, max = 50, testId }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const { data } = useAssetSearch(q, unitId);
  const known = new Map<string, AssetRef>(value.map((a) => [a.id, a]));
  for (const a of data?.items ?? []) if (!known.has(a.id)) known.set(a.id, { id: a.id, name: a.name });
  return (
    <MultiSelect
      label={label}
      placeholder={unitId ? t('assets.picker.search') : t('assets.picker.unitFirst')}
      searchable
      clearable={!readOnly}
      readOnly={readOnly}
      disabled={!unitId && !value.length}
      maxValues={max}
      data={[...known.values()].map((a) => ({ value: a.id, label: a.name }))}
      value={value.map((a) => a.id)}
      onChange={(ids) => onChange(ids.flatMap((id) => known.get(id) ?? []))}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={t('common.nothingFound')}
      error={error}
      data-testid={testId}
    />
  );
}
