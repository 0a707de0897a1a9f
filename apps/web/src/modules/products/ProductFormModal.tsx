import { Autocomplete, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { applyProblem, notifySuccess, ProblemAlert } from '../../components/problem';
import { OrgUnitSelect } from '../org/OrgUnitSelect';
import { patch, post, type Product, SEVERITIES, STAGES, useProductLines, useProductMutation } from './api';

interface Values {
  code: string;
  nameJa: string;
  nameEn: string;
  productLine: string;
  orgUnitId: string | null;
  stage: string;
  shipGateSeverity: string;
}

/**
 * Create a product, or edit one (PATCH of the fields shown). The stage of an existing product is changed
 * on its page, where the stage gate applies; a new product may start at any stage.
 */
export function ProductFormModal({ product, onClose }: { product?: Product; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const lines = useProductLines();
  const form = useForm<Values>({
    initialValues: {
      code: product?.code ?? '',
      nameJa: product?.nameJa ?? '',
      nameEn: product?.nameEn ?? '',
      productLine: product?.productLine ?? '',
      orgUnitId: product?.orgUnitId ?? null,
      stage: product?.stage ?? 'plan',
      shipGateSeverity: product?.shipGateSeverity ?? 'medium',
    },
  });
  const save = useProductMutation(({ stage, orgUnitId, ...v }: Values) => {
    const body = { ...v, productLine: v.productLine.trim() || null, orgUnitId: orgUnitId ?? '' };
    return product
      ? patch<Product>(`/products/${product.id}`, body, product.rowVersion)
      : post<Product>('/products', { ...body, stage });
  });
  const submit = form.onSubmit((v) =>
    save.mutate(v, {
      onSuccess: (p) => {
        notifySuccess(t('common.saved'));
        onClose();
        if (!product)
          void navigate({ to: '/products/$id', params: { id: p.id }, search: { release: undefined, tab: undefined } });
      },
      onError: (e) => applyProblem(form, e),
    }),
  );

  return (
    <Modal opened onClose={onClose} size="lg" title={product ? t('products.form.edit') : t('products.list.create')}>
      <form onSubmit={submit} data-testid="product-form">
        <Stack>
          <TextInput
            label={t('products.fields.code')}
            description={t('products.form.codeHelp')}
            required
            {...form.getInputProps('code')}
            data-testid="product-code"
          />
          <Group grow>
            <TextInput
              label={t('products.fields.nameJa')}
              required
              {...form.getInputProps('nameJa')}
              data-testid="product-name-ja"
            />
            <TextInput
              label={t('products.fields.nameEn')}
              required
              {...form.getInputProps('nameEn')}
              data-testid="product-name-en"
            />
          </Group>
          <Autocomplete
            label={t('products.fields.productLine')}
            data={lines.data?.items.map((l) => l.productLine) ?? []}
            {...form.getInputProps('productLine')}
            data-testid="product-line"
          />
          <OrgUnitSelect
            label={t('products.fields.orgUnit')}
            required
            value={form.values.orgUnitId}
            onChange={(id) => form.setFieldValue('orgUnitId', id)}
            error={form.errors.orgUnitId}
            testId="product-org-unit"
          />
          <Group grow>
            {!product && (
              <Select
                label={t('products.fields.stage')}
                allowDeselect={false}
                data={STAGES.map((s) => ({ value: s, label: t(`products.stage.${s}`) }))}
                {...form.getInputProps('stage')}
                data-testid="product-stage"
              />
            )}
            <Select
              label={t('products.fields.shipGateSeverity')}
              description={t('products.form.shipGateHelp')}
              allowDeselect={false}
              data={[...SEVERITIES].reverse().map((s) => ({ value: s, label: t(`products.severity.${s}`) }))}
              {...form.getInputProps('shipGateSeverity')}
              data-testid="product-gate"
            />
          </Group>
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="product-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
