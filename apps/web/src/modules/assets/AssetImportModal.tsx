import { Alert, Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Table } from '../../components/Table';
import { notifySuccess, ProblemAlert } from '../../components/problem';
import { importAssets, useAssetsMutation } from './api';

/** Imports a unit's ledger (the export's CSV or XLSX); on a refusal lists each failing row and column. */
export function AssetImportModal({ unitId, onClose }: { unitId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const mutation = useAssetsMutation((f: File) => importAssets(unitId, f));
  const rowErrors = mutation.error instanceof ApiError ? mutation.error.errors : [];
  const submit = async () => {
    if (!file) return;
    const result = await mutation.mutateAsync(file).catch(() => null);
    if (result) notifySuccess(t('import.done', { created: result.created, updated: result.updated }));
  };
  return (
    <Modal opened onClose={onClose} title={t('assets.import.title')} size="lg">
      <Stack data-testid="assets-import">
        <Text size="sm">{t('assets.import.help')}</Text>
        <FileInput
          label={t('import.file')}
          accept=".csv,.xlsx,text/csv"
          value={file}
          onChange={(f) => {
            setFile(f);
            mutation.reset();
          }}
          data-testid="assets-import-file"
        />
        {mutation.data && (
          <Alert color="green" data-testid="assets-import-result">
            {t('import.done', { created: mutation.data.created, updated: mutation.data.updated })}
          </Alert>
        )}
        {mutation.error && <ProblemAlert error={mutation.error} listErrors={false} />}
        {rowErrors.length > 0 && (
          <Table data-testid="assets-import-errors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.where')}</Table.Th>
                <Table.Th>{t('import.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rowErrors.map((e, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{e.path}</Table.Td>
                  <Table.Td>{ApiError.errorText(e)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button onClick={() => void submit()} disabled={!file} loading={mutation.isPending} data-testid="assets-import-submit">
            {t('import.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
