import { Button, FileInput, Select, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/names';
import { useProducts } from '../products/api';
import { useImportTara } from './api';
import { FormModal } from './FormModal';

/**
 * Imports a `mamori-tara/1` file, or the workbook of the XLSX export, as a new analysis of a product. The server checks the whole document first and
 * lists every failing field by its JSON pointer; nothing is created unless all of it is right.
 */
export function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const navigate = useNavigate();
  const products = useProducts({});
  const mutation = useImportTara();
  const [productId, setProductId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const submit = async () => {
    setLocal(null);
    if (!productId || !file) return setLocal(t('taraPages.io.import.missing'));
    const ws = await mutation.mutateAsync({ productId, file, ...(title ? { title } : {}) }).catch((e: unknown) => {
      if (e instanceof Error && e.message === 'not-json') setLocal(t('taraPages.io.import.notJson'));
      return null;
    });
    if (ws) void navigate({ to: '/tara-analyses/$id', params: { id: ws.id } });
  };
  return (
    <FormModal
      title={t('taraPages.io.import.title')}
      testId="tara-import"
      error={local ? new Error(local) : mutation.error}
      pending={mutation.isPending}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <Select
        label={t('taraPages.fields.product')}
        required
        searchable
        value={productId}
        onChange={setProductId}
        data={products.items.map((p) => ({ value: p.id, label: `${p.code} ${localName(p)}` }))}
        data-testid="tara-import-product"
      />
      <FileInput
        label={t('taraPages.io.import.file')}
        required
        accept=".json,.xlsx,application/json"
        value={file}
        onChange={setFile}
        data-testid="tara-import-file"
      />
      <TextInput label={t('taraPages.io.import.newTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
    </FormModal>
  );
}

export function ImportButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpen(true)} data-testid="tara-import-open">
        {t('taraPages.io.import.open')}
      </Button>
      {open && <ImportModal onClose={() => setOpen(false)} />}
    </>
  );
}
