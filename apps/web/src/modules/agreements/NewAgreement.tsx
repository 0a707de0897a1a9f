import { Button, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../components/problem';
import { useLocalName } from '../../components/names';
import { FormModal } from '../tara/FormModal';
import { COUNTERPARTS, createAgreement, useAgreementMutation, useProductOptions } from './api';

/** "New agreement": the product, the programme and the counterpart; the rest is filled in on the agreement's page. */
export function NewAgreementButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="xs" onClick={() => setOpen(true)} data-testid="agreement-new">
        {t('agreements.new')}
      </Button>
      {open && <NewAgreementModal onClose={() => setOpen(false)} />}
    </>
  );
}

function NewAgreementModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const products = useProductOptions(q);
  const [productId, setProductId] = useState<string | null>(null);
  const [programme, setProgramme] = useState('');
  const [counterpartKind, setKind] = useState<string>('customer');
  const [counterpartName, setCounterpart] = useState('');
  const create = useAgreementMutation(createAgreement);
  const err = (f: string) => fieldError(create.error, f);
  return (
    <FormModal
      title={t('agreements.new')}
      testId="agreement-form"
      error={create.error}
      pending={create.isPending}
      onClose={onClose}
      onSubmit={() =>
        create.mutate(
          { productId, programme, counterpartKind, counterpartName },
          { onSuccess: (a) => void navigate({ to: '/interface-agreements/$id', params: { id: a.id } }) },
        )
      }
    >
      <Select
        label={t('agreements.fields.product')}
        searchable
        required
        data={(products.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${name(p)}` }))}
        value={productId}
        onChange={setProductId}
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options }) => options}
        nothingFoundMessage={t('common.nothingFound')}
        error={err('productId')}
        data-testid="agreement-product"
      />
      <TextInput
        label={t('agreements.fields.programme')}
        required
        value={programme}
        onChange={(e) => setProgramme(e.currentTarget.value)}
        error={err('programme')}
        data-testid="agreement-programme"
      />
      <Select
        label={t('agreements.fields.counterpartKind')}
        data={COUNTERPARTS.map((c) => ({ value: c, label: t(`agreements.counterpart.${c}`) }))}
        value={counterpartKind}
        onChange={(v) => setKind(v ?? 'customer')}
        allowDeselect={false}
      />
      <TextInput
        label={t('agreements.fields.counterpartName')}
        required
        value={counterpartName}
        onChange={(e) => setCounterpart(e.currentTarget.value)}
        error={err('counterpartName')}
        data-testid="agreement-counterpart"
      />
    </FormModal>
  );
}
