import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Table } from '../../components/Table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { localName } from '@mamori/contracts';
import { useLocalName } from '../../components/names';
import { notifySuccess } from '../../components/problem';
import { Refusal } from '../incidents/Refusal';
import { type AffectedProduct, type ProductInput, useProduct, useUpdateCase, type VulnerabilityDetail } from './api';
import { ProductRow, type Row } from './ProductRow';
import { ProductSelect } from './ProductSelect';

const toRow =
  (lang: string) =>
  (p: AffectedProduct): Row => ({
    productId: p.productId,
    code: p.productCode,
    label: `${p.productCode} ${localName({ nameJa: p.productNameJa, nameEn: p.productNameEn }, lang)}`,
    status: p.status,
    justification: p.justification,
    affectedVersions: p.affectedVersions ?? '',
    fixedVersion: p.fixedVersion ?? '',
    remediation: p.remediation ?? '',
  });
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const toInput = (r: Row): ProductInput => ({
  productId: r.productId,
  status: r.status,
  justification: r.status === 'not_affected' ? r.justification : null,
  affectedVersions: orNull(r.affectedVersions),
  fixedVersion: orNull(r.fixedVersion),
  remediation: orNull(r.remediation),
});

/** The products concerned and the status of each (the advisory's product table and the CSAF/VEX statuses). */
export function ProductsPanel({ vulnerability: c, canManage }: { vulnerability: VulnerabilityDetail; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const save = useUpdateCase(c.id, c.rowVersion);
  const [rows, setRows] = useState<Row[]>(() => c.products.map(toRow(i18n.language)));
  const [adding, setAdding] = useState<string | null>(null);
  const added = useProduct(adding);
  const dirty = JSON.stringify(rows.map(toInput)) !== JSON.stringify(c.products.map(toRow(i18n.language)).map(toInput));
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};

  const add = () => {
    if (!added.data) return;
    const p = added.data;
    setRows([
      ...rows,
      {
        productId: p.id,
        code: p.code,
        label: `${p.code} ${name(p)}`,
        status: 'under_investigation',
        justification: null,
        affectedVersions: '',
        fixedVersion: '',
        remediation: '',
      },
    ]);
    setAdding(null);
  };

  return (
    <Paper withBorder p="md" data-testid="vulnerability-products">
      <Title order={4} mb="sm">
        {t('psirtCases.products.title')}
      </Title>
      <Stack>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('psirtCases.products.none')}
          </Text>
        ) : (
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('psirtCases.field.product')}</Table.Th>
                <Table.Th>{t('psirtCases.field.productStatus')}</Table.Th>
                <Table.Th>{t('psirt.advisory.affectedVersions')}</Table.Th>
                <Table.Th>{t('psirt.advisory.fixedVersion')}</Table.Th>
                <Table.Th>{t('psirtCases.field.countermeasure')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <ProductRow
                  key={r.productId}
                  row={r}
                  index={i}
                  disabled={!canManage}
                  errors={errors}
                  onChange={(next) => setRows(rows.map((x, j) => (j === i ? next : x)))}
                  onRemove={() => setRows(rows.filter((_, j) => j !== i))}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canManage && (
          <Group align="flex-end" wrap="wrap">
            <ProductSelect
              label={t('psirtCases.products.add')}
              value={adding}
              onChange={setAdding}
              exclude={rows.map((r) => r.productId)}
              testId="product-add-select"
            />
            <Button variant="default" disabled={!added.data || adding === null} onClick={add} data-testid="product-add">
              {t('psirtCases.products.addButton')}
            </Button>
            <Button
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate({ products: rows.map(toInput) }, { onSuccess: () => notifySuccess(t('common.saved')) })}
              data-testid="products-save"
            >
              {t('common.save')}
            </Button>
          </Group>
        )}
        <Refusal error={save.error} testId="products-problem" />
      </Stack>
    </Paper>
  );
}
