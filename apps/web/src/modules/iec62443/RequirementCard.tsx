import { Badge, Button, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../components/problem';
import { FormModal } from '../tara/FormModal';
import {
  linkInput,
  putRequirements,
  STATUS_COLOR,
  STATUSES,
  useIecMutation,
  type Assessment,
  type CatalogRequirement,
  type RequirementState,
} from './api';
import { Evidence } from './Evidence';
import { LinksEditor } from './LinksEditor';

/** One 4-2 requirement or enhancement: what it asks, from which SL, its status and evidence; "assess" for writers. */
export function RequirementCard(props: {
  a: Assessment;
  r: CatalogRequirement;
  state: RequirementState | undefined;
  canManage: boolean;
  lang: 'ja' | 'en';
}) {
  const { t } = useTranslation();
  const { r, state, lang } = props;
  const [editing, setEditing] = useState(false);
  const status = state?.status ?? 'open';
  return (
    <Paper withBorder p="sm" data-testid="iec62443-requirement" data-requirement={r.id} data-status={status}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm" fw={600}>
            {r.id} {r[lang].title}
          </Text>
          <Group gap={6} wrap="wrap">
            <Badge variant="outline" size="sm">
              SL {r.sl}
            </Badge>
            <Badge color={STATUS_COLOR[status]} variant="light" size="sm">
              {t(`iec62443.status.${status}`)}
            </Badge>
            {props.canManage && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => setEditing(true)}
                aria-label={`${t('iec62443.assess')} ${r.id}`}
              >
                {t('iec62443.assess')}
              </Button>
            )}
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {r[lang].summary}
        </Text>
        {state?.reason && (
          <Text size="sm">
            <Text span size="sm" c="dimmed">
              {t('iec62443.fields.reason')}:
            </Text>{' '}
            {state.reason}
          </Text>
        )}
        {state && <Evidence evidence={state.evidence} links={state.links} ownerName={state.ownerName} />}
      </Stack>
      {editing && <RequirementModal {...props} onClose={() => setEditing(false)} />}
    </Paper>
  );
}

function RequirementModal({
  a,
  r,
  state,
  lang,
  onClose,
}: {
  a: Assessment;
  r: CatalogRequirement;
  state: RequirementState | undefined;
  lang: 'ja' | 'en';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>(state?.status ?? 'open');
  const [reason, setReason] = useState(state?.reason ?? '');
  const [evidence, setEvidence] = useState(state?.evidence ?? '');
  const [links, setLinks] = useState((state?.links ?? []).map(linkInput));
  const save = useIecMutation(() =>
    putRequirements(
      a.productId,
      [
        {
          requirementId: r.id,
          status: status === 'open' ? null : status,
          reason: reason.trim() || null,
          evidence: evidence.trim() || null,
          links,
          ownerId: state?.ownerId ?? null,
        },
      ],
      a.rowVersion,
    ),
  );
  return (
    <FormModal
      title={`${r.id} ${r[lang].title}`}
      testId="iec62443-requirement-form"
      error={save.error}
      pending={save.isPending}
      onClose={onClose}
      onSubmit={() => save.mutate(undefined, { onSuccess: onClose })}
    >
      <Select
        label={t('iec62443.fields.status')}
        data={(['open', ...STATUSES] as const).map((s) => ({ value: s, label: t(`iec62443.status.${s}`) }))}
        value={status}
        onChange={(v) => setStatus(v ?? 'open')}
        allowDeselect={false}
        data-testid="iec62443-status"
      />
      <Textarea
        label={t('iec62443.fields.reason')}
        description={t('iec62443.reasonHelp')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={fieldError(save.error, 'items.0.reason')}
        autosize
        minRows={2}
        data-testid="iec62443-reason"
      />
      <Textarea
        label={t('iec62443.fields.evidence')}
        value={evidence}
        onChange={(e) => setEvidence(e.currentTarget.value)}
        autosize
        minRows={3}
        data-testid="iec62443-evidence"
      />
      <LinksEditor productId={a.productId} links={links} onChange={setLinks} error={save.error} errorPrefix="items.0.links" />
    </FormModal>
  );
}
