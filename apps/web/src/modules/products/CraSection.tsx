import { Badge, Button, Group, Modal, MultiSelect, Paper, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { CRA_CATEGORIES, EU_MEMBER_STATES } from '@mamori/contracts';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { DateField } from '../../components/dates/DateField';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { patch, type Product, useProductMutation } from './api';

/** A member state's name in the reader's language, with its ISO code (DE → Germany (DE) / ドイツ (DE)). */
export function memberStateName(code: string, lang: string) {
  try {
    const name = new Intl.DisplayNames([lang === 'ja' ? 'ja' : 'en'], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/**
 * The product's EU Cyber Resilience Act attributes (issue 17): whether it is in the CRA's scope, since when it is on
 * the EU market, its category, the end of its support period, the member state of the main establishment (whose
 * CSIRT coordinates reports) and the member states where it is made available. A vulnerability case starts CRA
 * clocks only for affected products in scope and on the EU market.
 */
export function CraSection({ product: p, canManage }: { product: Product; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const onMarket = !!p.euMarketSince;
  return (
    <Paper withBorder p="md" data-testid="product-cra">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={4}>{t('products.cra.title')}</Title>
          <Badge color={p.craInScope ? (onMarket ? 'blue' : 'gray') : 'gray'} data-testid="product-cra-scope">
            {p.craInScope
              ? onMarket
                ? t('products.cra.inScopeOnMarket')
                : t('products.cra.inScopeOffMarket')
              : t('products.cra.outOfScope')}
          </Badge>
        </Group>
        {canManage && (
          <Button size="xs" variant="default" onClick={() => setEditing(true)} data-testid="product-cra-edit">
            {t('common.edit')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <Fact label={t('products.cra.euMarketSince')} testId="product-cra-market">
          {p.euMarketSince ?? t('products.cra.notOnMarket')}
        </Fact>
        <Fact label={t('products.cra.category')}>{t(`products.cra.categories.${p.craCategory}`)}</Fact>
        <Fact label={t('products.cra.supportPeriodEnd')}>{p.supportPeriodEnd ?? '—'}</Fact>
        <Fact label={t('products.cra.mainEstablishment')} testId="product-cra-establishment">
          {p.mainEstablishment ? memberStateName(p.mainEstablishment, i18n.language) : '—'}
        </Fact>
        <Fact label={t('products.cra.euMarkets')}>
          {p.euMarkets.length ? p.euMarkets.map((c) => memberStateName(c, i18n.language)).join(', ') : '—'}
        </Fact>
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="sm">
        {t('products.cra.help')}
      </Text>
      {editing && <CraFormModal product={p} onClose={() => setEditing(false)} />}
    </Paper>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

interface Values {
  craInScope: boolean;
  euMarketSince: string;
  craCategory: string;
  supportPeriodEnd: string;
  mainEstablishment: string | null;
  euMarkets: string[];
}

function CraFormModal({ product: p, onClose }: { product: Product; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const states = EU_MEMBER_STATES.map((c) => ({ value: c, label: memberStateName(c, i18n.language) })).sort((a, b) =>
    a.label.localeCompare(b.label, i18n.language),
  );
  const form = useForm<Values>({
    initialValues: {
      craInScope: p.craInScope,
      euMarketSince: p.euMarketSince ?? '',
      craCategory: p.craCategory,
      supportPeriodEnd: p.supportPeriodEnd ?? '',
      mainEstablishment: p.mainEstablishment,
      euMarkets: p.euMarkets,
    },
  });
  const save = useProductMutation((v: Values) =>
    patch<Product>(
      `/products/${p.id}`,
      {
        craInScope: v.craInScope,
        euMarketSince: v.euMarketSince || null,
        craCategory: v.craCategory,
        supportPeriodEnd: v.supportPeriodEnd || null,
        mainEstablishment: v.mainEstablishment || null,
        euMarkets: v.euMarkets,
      },
      p.rowVersion,
    ),
  );
  const submit = form.onSubmit((v) =>
    save.mutate(v, {
      onSuccess: () => {
        notifySuccess(t('common.saved'));
        onClose();
      },
      onError: (e) => {
        if (!(e instanceof ApiError)) return;
        // One message for the list of member states, whichever entry failed.
        const errors = e.fieldErrors();
        for (const [k, m] of Object.entries(errors)) if (k.startsWith('euMarkets.')) errors.euMarkets ??= m;
        form.setErrors(errors);
      },
    }),
  );
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('products.cra.edit')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} data-testid="product-cra-form">
        <Stack>
          <Switch
            label={t('products.cra.inScope')}
            description={t('products.cra.inScopeHelp')}
            {...form.getInputProps('craInScope', { type: 'checkbox' })}
            data-testid="product-cra-in-scope"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField
              label={t('products.cra.euMarketSince')}
              description={t('products.cra.euMarketSinceHelp')}
              {...form.getInputProps('euMarketSince')}
              data-testid="product-cra-market-since"
            />
            <DateField
              label={t('products.cra.supportPeriodEnd')}
              {...form.getInputProps('supportPeriodEnd')}
              data-testid="product-cra-support-end"
            />
          </SimpleGrid>
          <Select
            label={t('products.cra.category')}
            allowDeselect={false}
            data={CRA_CATEGORIES.map((c) => ({ value: c, label: t(`products.cra.categories.${c}`) }))}
            {...form.getInputProps('craCategory')}
            data-testid="product-cra-category"
          />
          <Select
            label={t('products.cra.mainEstablishment')}
            description={t('products.cra.mainEstablishmentHelp')}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('products.cra.clear') }}
            data={states}
            {...form.getInputProps('mainEstablishment')}
            data-testid="product-cra-establishment-select"
          />
          <MultiSelect
            label={t('products.cra.euMarkets')}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('products.cra.clear') }}
            data={states}
            {...form.getInputProps('euMarkets')}
            data-testid="product-cra-markets"
          />
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="product-cra-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
