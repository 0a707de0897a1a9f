import { Alert, Button, Code, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { Table } from './Table';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { ImportResult } from '../api/types';
import { notifySuccess, ProblemAlert } from './problem';

interface Props {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** the CSV header line the server expects */
  header: string;
  mutation: UseMutationResult<ImportResult, Error, string>;
  testId: string;
}

/** Uploads a CSV file; on a 400 lists each failing line (`line 12.kind`) with its message. */
export function CsvImportModal({ opened, onClose, title, header, mutation, testId }: Props) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const lineErrors = mutation.error instanceof ApiError ? mutation.error.errors : [];

  const submit = async () => {
    if (!file) return;
    const result = await mutation.mutateAsync(await file.text()).catch(() => null);
    if (result) notifySuccess(t('import.done', { created: result.created, updated: result.updated }));
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <Stack data-testid={testId}>
        <Text size="sm">{t('import.help')}</Text>
        <Code block>{header}</Code>
        <FileInput
          label={t('import.file')}
          accept=".csv,text/csv"
          value={file}
          onChange={(f) => {
            setFile(f);
            mutation.reset();
          }}
          data-testid={`${testId}-file`}
        />
        {mutation.data && (
          <Alert color="green" data-testid={`${testId}-result`}>
            {t('import.done', { created: mutation.data.created, updated: mutation.data.updated })}
          </Alert>
        )}
        {mutation.error && <ProblemAlert error={mutation.error} listErrors={false} />}
        {lineErrors.length > 0 && (
          <Table data-testid={`${testId}-errors`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.where')}</Table.Th>
                <Table.Th>{t('import.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lineErrors.map((e, i) => (
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
          <Button onClick={() => void submit()} disabled={!file} loading={mutation.isPending} data-testid={`${testId}-submit`}>
            {t('import.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
