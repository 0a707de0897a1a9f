import { Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { CRA_RECIPIENTS, CRA_REGIMES } from '@mamori/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, ProblemAlert } from '../../components/problem';
import { fromLocalInput, toLocalInput } from '../incidents/time';
import { type CraFixBody, type CraSubmissionBody, type MarkCraBody, useCraMutation, useCraSavedDrafts } from './cra-api';
import { DateTimeField } from '../../components/dates/DateField';

type Regime = (typeof CRA_REGIMES)[number];
type Recipient = (typeof CRA_RECIPIENTS)[number];

function Actions({
  onCancel,
  onSubmit,
  disabled,
  loading,
  testId,
  label,
}: {
  onCancel: () => void;
  onSubmit: () => void;
  disabled: boolean;
  loading: boolean;
  testId: string;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button size="xs" variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button size="xs" onClick={onSubmit} disabled={disabled} loading={loading} data-testid={testId}>
        {label}
      </Button>
    </Group>
  );
}

/** Marks the case actively exploited (or a severe incident): when the PSIRT became aware, and the evidence. */
export function MarkForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [regime, setRegime] = useState<Regime>('cra-exploited-vulnerability');
  const [awareAt, setAwareAt] = useState(() => toLocalInput(new Date()));
  const [evidence, setEvidence] = useState('');
  const mark = useCraMutation<MarkCraBody>(caseId, '');
  const submit = () =>
    mark.mutate({ regime, awareAt: fromLocalInput(awareAt) ?? '', evidence: evidence.trim() }, { onSuccess: onDone });
  return (
    <Stack gap="xs" data-testid="cra-mark-form">
      <Select
        label={t('cra.regimeLabel')}
        allowDeselect={false}
        data={CRA_REGIMES.map((r) => ({ value: r, label: t(`cra.regime.${r}`) }))}
        value={regime}
        onChange={(v) => v && setRegime(v as Regime)}
        data-testid="cra-mark-regime"
      />
      <DateTimeField
        label={t('cra.awareAtLabel')}
        required
        value={awareAt}
        onChange={(v) => setAwareAt(v)}
        error={fieldError(mark.error, 'awareAt')}
        data-testid="cra-mark-aware-at"
      />
      <Textarea
        label={t('cra.evidence')}
        description={t('cra.evidenceHelp')}
        required
        autosize
        minRows={2}
        maxLength={20_000}
        value={evidence}
        onChange={(e) => setEvidence(e.currentTarget.value)}
        error={fieldError(mark.error, 'evidence')}
        data-testid="cra-mark-evidence"
      />
      <ProblemAlert error={mark.error} />
      <Actions
        onCancel={onDone}
        onSubmit={submit}
        disabled={!awareAt || !evidence.trim()}
        loading={mark.isPending}
        testId="cra-mark-submit"
        label={t('cra.mark')}
      />
    </Stack>
  );
}

/** When a corrective or mitigating measure became available: the final report's 14 days start then. */
export function FixForm({ caseId, initial, onDone }: { caseId: string; initial: string | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [availableAt, setAvailableAt] = useState(() => toLocalInput(initial ?? new Date()));
  const [note, setNote] = useState('');
  const fix = useCraMutation<CraFixBody>(caseId, '/fix');
  const submit = () =>
    fix.mutate(
      { availableAt: fromLocalInput(availableAt) ?? '', ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: onDone },
    );
  return (
    <Stack gap="xs" data-testid="cra-fix-form">
      <DateTimeField
        label={t('cra.fixAtLabel')}
        required
        value={availableAt}
        onChange={(v) => setAvailableAt(v)}
        error={fieldError(fix.error, 'availableAt')}
        data-testid="cra-fix-at-input"
      />
      <TextInput
        label={t('cra.fixNote')}
        maxLength={5000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        data-testid="cra-fix-note"
      />
      <ProblemAlert error={fix.error} />
      <Actions
        onCancel={onDone}
        onSubmit={submit}
        disabled={!availableAt}
        loading={fix.isPending}
        testId="cra-fix-submit"
        label={t('cra.fixRecord')}
      />
    </Stack>
  );
}

/** A stage submitted: when, to whom (ENISA's single reporting platform or the coordinating CSIRT), reference, text. */
export function SubmissionForm({
  caseId,
  ruleId,
  productId,
  onDone,
}: {
  caseId: string;
  ruleId: string;
  /** the product whose stage is submitted (null: a case-wide stage) */
  productId: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [submittedAt, setSubmittedAt] = useState(() => toLocalInput(new Date()));
  const [recipient, setRecipient] = useState<Recipient>('enisa_srp');
  const [reference, setReference] = useState('');
  const [text, setText] = useState('');
  const [draftId, setDraftId] = useState('');
  const send = useCraMutation<CraSubmissionBody>(caseId, '/submissions');
  // Reviewed drafts of this stage (for this product, or for every product) that can be submitted.
  const reviewed = (useCraSavedDrafts(caseId).data ?? []).filter(
    (d) => d.status === 'reviewed' && d.ruleId === ruleId && (!d.productId || d.productId === productId),
  );
  const err = (f: string) => fieldError(send.error, f);
  const submit = () =>
    send.mutate(
      {
        ruleId,
        ...(productId ? { productId } : {}),
        submittedAt: fromLocalInput(submittedAt) ?? '',
        recipient,
        reference: reference.trim(),
        ...(text.trim() ? { text: text.trim() } : {}),
        ...(draftId ? { draftId } : {}),
      },
      { onSuccess: onDone },
    );
  return (
    <Stack gap="xs" mt="xs" data-testid="cra-submit-form">
      <Group align="flex-start" wrap="wrap">
        <DateTimeField
          label={t('cra.submittedAtLabel')}
          required
          value={submittedAt}
          onChange={(v) => setSubmittedAt(v)}
          error={err('submittedAt')}
          data-testid="cra-submit-at"
        />
        <Select
          label={t('cra.recipientLabel')}
          allowDeselect={false}
          data={CRA_RECIPIENTS.map((r) => ({ value: r, label: t(`cra.recipient.${r}`) }))}
          value={recipient}
          onChange={(v) => v && setRecipient(v as Recipient)}
          data-testid="cra-submit-recipient"
          w={320}
        />
        <TextInput
          label={t('cra.reference')}
          required
          maxLength={200}
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          error={err('reference')}
          data-testid="cra-submit-reference"
        />
      </Group>
      {reviewed.length > 0 && (
        <Select
          label={t('cra.saved.submitDraft')}
          description={t('cra.saved.submitDraftHelp')}
          data={[
            { value: '', label: t('cra.saved.noDraft') },
            ...reviewed.map((d) => ({ value: d.id, label: `${d.lang.toUpperCase()} · ${d.sha256.slice(0, 12)}…` })),
          ]}
          value={draftId}
          onChange={(v) => setDraftId(v ?? '')}
          error={err('draftId')}
          data-testid="cra-submit-draft"
        />
      )}
      <Textarea
        label={t('cra.text')}
        required={!draftId}
        autosize
        minRows={3}
        maxLength={50_000}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={err('text')}
        data-testid="cra-submit-text"
      />
      <ProblemAlert error={send.error} />
      <Actions
        onCancel={onDone}
        onSubmit={submit}
        disabled={!submittedAt || !reference.trim() || (!text.trim() && !draftId)}
        loading={send.isPending}
        testId="cra-submit"
        label={t('cra.recordSubmission')}
      />
    </Stack>
  );
}
