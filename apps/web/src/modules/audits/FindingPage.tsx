import { Anchor, Button, Card, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem';
import { answerFinding, useAuditMutation, useFinding, verifyFinding, type Finding } from './api';
import { FindingStateBadge, FindingTypeBadge, useName } from './badges';
import { DateField } from '../../components/dates/DateField';

/** The audited unit's corrective action: cause analysis (root cause, why-why), plan, owner, due date. */
function AnswerForm({ f }: { f: Finding }) {
  const { t } = useTranslation();
  const [rootCause, setRootCause] = useState('');
  const [why, setWhy] = useState('');
  const [actionPlan, setActionPlan] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const answer = useAuditMutation(answerFinding);
  const whySteps = why
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t('audits.correctiveAction')}</Title>
        <Textarea
          label={t('audits.rootCause')}
          value={rootCause}
          onChange={(e) => setRootCause(e.currentTarget.value)}
          data-testid="answer-root-cause"
        />
        <Textarea
          label={t('audits.whySteps')}
          value={why}
          onChange={(e) => setWhy(e.currentTarget.value)}
          autosize
          minRows={3}
          data-testid="answer-why"
        />
        <Textarea
          label={t('audits.actionPlan')}
          value={actionPlan}
          onChange={(e) => setActionPlan(e.currentTarget.value)}
          data-testid="answer-plan"
        />
        <TextInput
          label={t('audits.owner')}
          value={owner}
          onChange={(e) => setOwner(e.currentTarget.value)}
          data-testid="answer-owner"
        />
        <DateField label={t('audits.dueDate')} value={dueDate} onChange={(v) => setDueDate(v)} data-testid="answer-due" />
        <Group>
          <Button
            loading={answer.isPending}
            data-testid="answer-submit"
            onClick={() =>
              answer.mutate({ id: f.id, version: f.rowVersion, body: { rootCause, whySteps, actionPlan, owner, dueDate } })
            }
          >
            {t('audits.submitAnswer')}
          </Button>
        </Group>
        <ProblemAlert error={answer.error} />
      </Stack>
    </Card>
  );
}

/** The auditor's verification: close after an effectiveness check, or reopen with the reason. */
function VerifyForm({ f }: { f: Finding }) {
  const { t } = useTranslation();
  const [check, setCheck] = useState('');
  const [reason, setReason] = useState('');
  const verify = useAuditMutation(verifyFinding);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t('audits.verify')}</Title>
        {f.state === 'answered' && (
          <>
            <Textarea
              label={t('audits.effectivenessCheck')}
              value={check}
              onChange={(e) => setCheck(e.currentTarget.value)}
              data-testid="verify-check"
            />
            <Group>
              <Button
                loading={verify.isPending}
                data-testid="verify-close"
                onClick={() =>
                  verify.mutate({ id: f.id, version: f.rowVersion, body: { decision: 'close', effectivenessCheck: check } })
                }
              >
                {t('audits.closeFinding')}
              </Button>
            </Group>
          </>
        )}
        <Textarea
          label={t('audits.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="verify-reason"
        />
        <Group>
          <Button
            variant="default"
            color="red"
            loading={verify.isPending}
            data-testid="verify-reopen"
            onClick={() => verify.mutate({ id: f.id, version: f.rowVersion, body: { decision: 'reopen', reason } })}
          >
            {t('audits.reopen')}
          </Button>
        </Group>
        <ProblemAlert error={verify.error} />
      </Stack>
    </Card>
  );
}

/** A finding: where the audited unit answers with a corrective action and the auditor verifies it. */
export function FindingPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t } = useTranslation();
  const name = useName();
  const finding = useFinding(id);
  const f = finding.data;
  if (!f) return <ProblemAlert error={finding.error} />;
  const ca = f.correctiveAction;
  return (
    <Stack>
      <Anchor component={Link} to={`/audits/${f.auditId}`}>
        {t('audits.backToAudit')}
      </Anchor>
      <Title order={2} data-testid="finding-title">
        {name(f.unit.name)} — {t('audits.finding', { n: f.number })}
      </Title>
      <Group gap="xs" wrap="wrap">
        <FindingTypeBadge type={f.type} />
        <FindingStateBadge state={f.state} overdue={f.overdue} />
        <Text size="sm">
          {t('audits.reference')}: {f.referenceKind === 'control' ? `A.${f.reference}` : f.reference}
        </Text>
        {f.dueDate && (
          <Text size="sm">
            {t('audits.due')}: {f.dueDate}
          </Text>
        )}
      </Group>
      <Text>{f.statement}</Text>
      {f.reopenReason && f.state === 'open' && <Text c="red">{t('audits.reopened', { reason: f.reopenReason })}</Text>}
      {ca && (
        <Card withBorder data-testid="finding-action">
          <Stack gap={4}>
            <Title order={4}>{t('audits.correctiveAction')}</Title>
            <Text size="sm">
              <b>{t('audits.rootCause')}:</b> {ca.rootCause}
            </Text>
            {ca.whySteps.map((s, i) => (
              <Text size="sm" key={i}>
                {i + 1}. {s}
              </Text>
            ))}
            <Text size="sm">
              <b>{t('audits.actionPlan')}:</b> {ca.actionPlan}
            </Text>
            <Text size="sm">
              <b>{t('audits.owner')}:</b> {ca.owner} · {t('audits.dueDate')}: {ca.dueDate}
            </Text>
          </Stack>
        </Card>
      )}
      {f.effectivenessCheck && (
        <Text size="sm">
          <b>{t('audits.effectivenessCheck')}:</b> {f.effectivenessCheck}
        </Text>
      )}
      {f.can.answer && <AnswerForm f={f} />}
      {f.can.verify && <VerifyForm f={f} />}
    </Stack>
  );
}
