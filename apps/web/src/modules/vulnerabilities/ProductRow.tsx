import { ActionIcon, Autocomplete, Select, Text, TextInput } from '@mantine/core';
import { Table } from '../../components/Table';
import { PRODUCT_STATUSES, VEX_JUSTIFICATIONS } from '@mamori/contracts';
import { useTranslation } from 'react-i18next';
import { useProduct } from './api';

export interface Row {
  productId: string;
  label: string;
  code: string;
  status: (typeof PRODUCT_STATUSES)[number];
  justification: (typeof VEX_JUSTIFICATIONS)[number] | null;
  affectedVersions: string;
  fixedVersion: string;
  remediation: string;
}

interface Props {
  row: Row;
  index: number;
  disabled: boolean;
  errors: Record<string, string>;
  onChange: (row: Row) => void;
  onRemove: () => void;
}

/** One product of the case: its status (not affected needs a VEX justification), versions and remediation. */
export function ProductRow({ row, index, disabled, errors, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const product = useProduct(row.productId);
  const versions = (product.data?.releases ?? []).map((r) => r.version);
  const set = <K extends keyof Row>(k: K, v: Row[K]) => onChange({ ...row, [k]: v });
  const err = (field: string) => errors[`products.${index}.${field}`];
  return (
    <Table.Tr data-testid={`product-row-${row.code}`}>
      <Table.Td>
        <Text size="sm">{row.label}</Text>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('psirtCases.field.productStatus')}
          allowDeselect={false}
          disabled={disabled}
          data={PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`psirt.productStatus.${s}`) }))}
          value={row.status}
          onChange={(v) => v && set('status', v as Row['status'])}
          error={err('status')}
          data-testid="product-status"
          w={170}
        />
        {row.status === 'not_affected' && (
          <Select
            aria-label={t('psirtCases.field.justification')}
            placeholder={t('psirtCases.field.justification')}
            mt={4}
            disabled={disabled}
            data={VEX_JUSTIFICATIONS.map((j) => ({ value: j, label: t(`psirt.justification.${j}`) }))}
            value={row.justification}
            onChange={(v) => set('justification', v as Row['justification'])}
            error={err('justification')}
            data-testid="product-justification"
            w={170}
          />
        )}
      </Table.Td>
      <Table.Td>
        <Autocomplete
          aria-label={t('psirt.advisory.affectedVersions')}
          placeholder="< 2.2"
          disabled={disabled}
          data={versions}
          value={row.affectedVersions}
          onChange={(v) => set('affectedVersions', v)}
          error={err('affectedVersions')}
          data-testid="product-affected-versions"
        />
      </Table.Td>
      <Table.Td>
        <Autocomplete
          aria-label={t('psirt.advisory.fixedVersion')}
          disabled={disabled}
          data={versions}
          value={row.fixedVersion}
          onChange={(v) => set('fixedVersion', v)}
          error={err('fixedVersion')}
          data-testid="product-fixed-version"
          w={120}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={t('psirtCases.field.countermeasure')}
          placeholder={t('psirtCases.products.countermeasurePlaceholder')}
          disabled={disabled}
          value={row.remediation}
          onChange={(e) => set('remediation', e.currentTarget.value)}
          error={err('remediation')}
          data-testid="product-remediation"
        />
      </Table.Td>
      <Table.Td>
        {!disabled && (
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={onRemove}
            aria-label={t('common.delete')}
            data-testid="product-remove"
          >
            ×
          </ActionIcon>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
