import { Badge, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from './time';

const SEVERITY_COLOR: Record<string, string> = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' };
const STATUS_COLOR: Record<string, string> = {
  reported: 'blue',
  initial_response: 'red',
  investigation: 'orange',
  notification: 'grape',
  public_statement: 'violet',
  prevention: 'teal',
  closed: 'gray',
};

export function SeverityBadge({ severity, testId }: { severity: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLOR[severity] ?? 'gray'} data-testid={testId} data-severity={severity}>
      {t(`incidents.severity.${severity}`)}
    </Badge>
  );
}

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light" data-testid={testId} data-status={status}>
      {t(`incidents.status.${status}`)}
    </Badge>
  );
}

/** Shade 9: the outline's text on a striped row (#f8f9fa) was 4.1:1 in cyan.8 (the sweep's finding). */
export function NearMissBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="cyan.9" variant="outline">
      {t('incidents.nearMiss')}
    </Badge>
  );
}

/** The current time, ticking once a minute (for time-left displays). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Time left until a due date: dark orange within a day (5.2:1 on white; Mantine's orange.9 is 4.3:1), red once overdue. */
export function TimeLeft({ dueAt, ms }: { dueAt: string | null; ms?: number | null }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!dueAt && ms == null) return null;
  const left = ms ?? new Date(dueAt!).getTime() - now;
  const text = formatDuration(left, t);
  return (
    <Text size="sm" c={left < 0 ? 'red.9' : left < 86_400_000 ? '#c2410c' : undefined} fw={left < 0 ? 700 : undefined} span>
      {left < 0 ? t('incidents.overdueBy', { time: text }) : t('incidents.timeLeft', { time: text })}
    </Text>
  );
}
