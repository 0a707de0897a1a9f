import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/names';
import { ProblemAlert } from '../../components/problem';
import { type Release, useUploadSbom } from './api';

/**
 * The release's SBOM: CycloneDX 1.4–1.6 (JSON or XML) or SPDX 2.3 JSON, uploaded as the file is. The import
 * replaces the component list; its report (format, components, licences, warnings) or the refusal is shown. A file
 * without components (a VEX, a services-only BOM) is refused by the server; the user may then confirm emptying the list.
 */
export function SbomUpload({ productId, release, canManage }: { productId: string; release: Release; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadSbom(productId, release.id);
  const report = upload.data;
  const [file, setFile] = useState<File | null>(null);
  const empty = upload.error instanceof ApiError && upload.error.code === 'empty-sbom' && file !== null;
  return (
    <Stack data-testid="sbom">
      <Text size="sm" data-testid="sbom-current">
        {release.sbomFormat
          ? t('products.sbom.current', {
              format: t(`products.sbomFormat.${release.sbomFormat}`),
              at: formatDateTime(release.sbomImportedAt, i18n.language),
              count: release.componentCount,
            })
          : t('products.sbom.none')}
      </Text>
      {canManage && (
        <Group>
          <input
            ref={input}
            type="file"
            hidden
            accept=".json,.xml,.cdx,application/json,application/xml,text/xml"
            data-testid="sbom-file"
            onChange={(e) => {
              const chosen = e.currentTarget.files?.[0];
              if (chosen) {
                setFile(chosen);
                upload.mutate({ file: chosen });
              }
              e.currentTarget.value = '';
            }}
          />
          <Button loading={upload.isPending} onClick={() => input.current?.click()} data-testid="sbom-upload">
            {t('products.sbom.upload')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('products.sbom.formats')}
          </Text>
        </Group>
      )}
      {report && (
        <Alert color="green" title={t('products.sbom.imported')} data-testid="sbom-report">
          <Text size="sm" data-testid="sbom-report-summary">
            {t('products.sbom.report', {
              format: t(`products.sbomFormat.${report.format}`),
              version: report.specVersion,
              count: report.components,
              licences: report.licences.length,
            })}
          </Text>
          {report.warnings.length > 0 && (
            <>
              <Text size="sm" fw={500} mt="xs">
                {t('products.sbom.warnings')}
              </Text>
              <List size="sm" data-testid="sbom-warnings">
                {report.warnings.map((w, i) => (
                  <List.Item key={i}>{w}</List.Item>
                ))}
              </List>
            </>
          )}
        </Alert>
      )}
      {empty ? (
        <Alert color="orange" title={t('products.sbom.emptyTitle')} data-testid="sbom-empty">
          <Text size="sm">{t('products.sbom.emptyHint', { count: release.componentCount })}</Text>
          <Group mt="sm">
            <Button
              color="red"
              variant="light"
              loading={upload.isPending}
              onClick={() => upload.mutate({ file, replaceWithEmpty: true })}
              data-testid="sbom-replace-with-empty"
            >
              {t('products.sbom.replaceWithEmpty')}
            </Button>
            <Button variant="default" onClick={() => upload.reset()} data-testid="sbom-keep">
              {t('products.sbom.keep')}
            </Button>
          </Group>
        </Alert>
      ) : (
        <ProblemAlert error={upload.error} testId="sbom-problem" />
      )}
    </Stack>
  );
}
