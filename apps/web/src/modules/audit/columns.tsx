import { ActionIcon, Code, SimpleGrid, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { AuditEvent } from '../../api/types';
import { JsonView } from '../../components/JsonView';
import type { ListColumn } from '../../components/list';
import { formatDateTime } from '../../components/names';

/** i18n key of an action or target type: dots and dashes would split or confuse the key. */
const labelKey = (code: string) => code.replace(/[.-]/g, '_');

function actorText(e: AuditEvent, t: TFunction) {
  if (e.actorId !== null) return e.actorLabel;
  return e.actorLabel
    ? t('audit.systemJob', { job: t(`auditJob.${labelKey(e.actorLabel)}`, { defaultValue: e.actorLabel }) })
    : t('audit.system');
}

/** The audit log's columns: the time sorts (the log's own order), the rest are filters. */
export function auditColumns(t: TFunction, lang: string, open: string | null): ListColumn<AuditEvent>[] {
  return [
    {
      id: 'toggle',
      header: '',
      width: 40,
      cell: (e) => (
        <ActionIcon
          variant="subtle"
          size="sm"
          aria-expanded={open === e.seq}
          aria-label={open === e.seq ? t('audit.hide') : t('audit.show')}
        >
          {open === e.seq ? '▾' : '▸'}
        </ActionIcon>
      ),
    },
    { id: 'at', header: t('audit.at'), sortKey: 'at', sortDescFirst: true, cell: (e) => formatDateTime(e.at, lang) },
    { id: 'actor', header: t('audit.actor'), cell: (e) => actorText(e, t) },
    {
      id: 'action',
      header: t('audit.action'),
      cell: (e) => (
        <>
          {/* known actions get a label; a newer server's action still shows as its code */}
          <Text size="sm">{t(`auditAction.${labelKey(e.action)}`, { defaultValue: e.action })}</Text>
          <Code>{e.action}</Code>
        </>
      ),
    },
    {
      id: 'target',
      header: t('audit.target'),
      cell: (e) => (
        <>
          {t(`auditTarget.${labelKey(e.targetType)}`, { defaultValue: e.targetType })}
          {e.targetId && (
            <Text size="xs" c="dimmed">
              {e.targetId}
            </Text>
          )}
        </>
      ),
    },
    { id: 'ip', header: t('audit.ip'), cell: (e) => e.ip },
  ];
}

/** An opened event: the record before and after the change. */
export function AuditDetail({ event: e, t }: { event: AuditEvent; t: TFunction }) {
  return (
    <div data-testid="audit-detail">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <div>
          <Text size="sm" fw={600}>
            {t('audit.before')}
          </Text>
          <JsonView value={e.before} testId="audit-before" />
        </div>
        <div>
          <Text size="sm" fw={600}>
            {t('audit.after')}
          </Text>
          <JsonView value={e.after} testId="audit-after" />
        </div>
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="xs">
        {t('audit.seq')}: {e.seq} · {t('audit.requestId')}: {e.requestId ?? '—'} · {t('audit.actorId')}: {e.actorId ?? '—'}
      </Text>
    </div>
  );
}
