import { Badge, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { BringInState } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { usePeopleSearch } from './api';

export const KIND_COLOR: Record<string, string> = { reception: 'gray', office: 'blue', restricted: 'red' };

const STATE_COLOR: Record<BringInState, string> = {
  pending: 'yellow',
  approved: 'teal',
  rejected: 'red',
  cancelled: 'gray',
  expired: 'gray',
};

export function BringInStateBadge({ state }: { state: BringInState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" data-testid="bring-in-state">
      {t(`zonePages.state.${state}`)}
    </Badge>
  );
}

/** Picks one person by name or employee number. */
export function PersonPicker({
  label,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  value: string | null;
  /** with the person's names when picked from the search (the entry editor lists them) */
  onChange: (id: string | null, person?: { id: string; nameJa: string; nameEn: string }) => void;
  error?: string;
  testId?: string;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const found = usePeopleSearch(q);
  const name = useLocalName();
  const [chosen, setChosen] = useState<{ value: string; label: string }[]>([]);
  const data = [
    ...chosen,
    ...(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${name(p)} (${p.employeeNo})` })),
  ].filter((d, i, all) => all.findIndex((x) => x.value === d.value) === i);
  return (
    <Select
      label={label}
      searchable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v) => {
        const d = data.find((x) => x.value === v);
        if (d) setChosen([d]);
        onChange(
          v,
          found.data?.items.find((p) => p.id === v),
        );
      }}
      error={error}
      data-testid={testId}
      nothingFoundMessage="—"
    />
  );
}
