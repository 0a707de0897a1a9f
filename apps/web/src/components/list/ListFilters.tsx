import { Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FilterValues, ListFilter } from './types';

interface Props {
  filters: ListFilter[];
  values: FilterValues;
  onChange: (key: string, value: string | null) => void;
}

/** The filters of a list, from its spec: texts, selects and pickers by name. They wrap at phone width. */
export function ListFilters({ filters, values, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" data-testid="list-filters">
      {filters.map((f) => {
        const value = values[f.key] ?? null;
        if (f.kind === 'text')
          return (
            <TextInput
              key={f.key}
              label={f.label}
              placeholder={f.placeholder}
              value={value ?? ''}
              onChange={(e) => onChange(f.key, e.currentTarget.value)}
              data-testid={f.testId}
              w={f.width}
            />
          );
        if (f.kind === 'select')
          return (
            <Select
              key={f.key}
              label={f.label}
              clearable={f.clearable ?? true}
              allowDeselect={f.clearable ?? true}
              placeholder={t('common.all')}
              value={value}
              onChange={(v) => onChange(f.key, v)}
              data={f.options}
              data-testid={f.testId}
              w={f.width ?? 160}
            />
          );
        return <div key={f.key}>{f.render({ label: f.label, value, onChange: (v) => onChange(f.key, v) })}</div>;
      })}
    </Group>
  );
}
