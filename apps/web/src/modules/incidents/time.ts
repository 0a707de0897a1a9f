/** Values of DateTimeField (components/dates: "YYYY-MM-DDTHH:mm", local wall time) and back to ISO with the offset. */
const pad = (n: number) => String(n).padStart(2, '0');

export function toLocalInput(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** "2 d 4 h" / "3 h 20 min" from milliseconds (absolute value). */
export function formatDuration(ms: number, t: (key: string, o?: Record<string, unknown>) => string): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return t('incidents.duration.dh', { d: days, h: hours });
  if (hours > 0) return t('incidents.duration.hm', { h: hours, m: minutes % 60 });
  return t('incidents.duration.m', { m: minutes });
}
