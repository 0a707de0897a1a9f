import { Alert, Button, Group, Text } from '@mantine/core';
import { Table } from '../../components/Table';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { checkSheetUrl, useUploadCheckSheet } from './api';

/** Download the check sheet as XLSX, upload it back filled; a refusal lists every bad row. */
export function CheckSheetUpload({ id, canUpload }: { id: string; canUpload: boolean }) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadCheckSheet(id);
  const rowErrors = upload.error instanceof ApiError ? upload.error.errors : [];
  return (
    <>
      <Group>
        <Button component="a" variant="default" href={checkSheetUrl(id, i18n.language)} data-testid="check-sheet-download">
          {t('partners.answer.download')}
        </Button>
        {canUpload && (
          <>
            <input
              ref={input}
              type="file"
              hidden
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="check-sheet-file"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) upload.mutate(file);
                e.currentTarget.value = '';
              }}
            />
            <Button
              variant="default"
              loading={upload.isPending}
              onClick={() => input.current?.click()}
              data-testid="check-sheet-upload"
            >
              {t('partners.answer.upload')}
            </Button>
          </>
        )}
      </Group>
      {upload.data && (
        <Alert color="green" data-testid="check-sheet-applied">
          {t('partners.answer.applied', { applied: upload.data.applied, unchanged: upload.data.unchanged })}
        </Alert>
      )}
      {upload.error !== null && <ProblemAlert error={upload.error} testId="check-sheet-problem" listErrors={false} />}
      {rowErrors.length > 0 && (
        <Table data-testid="check-sheet-errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('partners.answer.row')}</Table.Th>
              <Table.Th>{t('partners.answer.error')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rowErrors.map((e, i) => (
              <Table.Tr key={i} data-testid="check-sheet-error">
                <Table.Td>{e.path}</Table.Td>
                <Table.Td>
                  <Text size="sm">{ApiError.errorText(e)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
