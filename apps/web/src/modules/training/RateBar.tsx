import { Text } from '@mantine/core';

/** A horizontal bar for a rate (0–1): the table's simple chart, with the figure as text beside it. */
export function RateBar({ rate, label }: { rate: number; label: string }) {
  const pct = Math.round(rate * 100);
  const color =
    pct >= 90 ? 'var(--mantine-color-green-7)' : pct >= 70 ? 'var(--mantine-color-yellow-7)' : 'var(--mantine-color-red-7)';
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 140 }}>
      <div
        role="img"
        aria-label={label}
        style={{ flex: 1, height: 10, background: 'var(--mantine-color-gray-2)', borderRadius: 4, overflow: 'hidden' }}
      >
        <div style={{ width: `${pct}%`, height: '100%', background: color }} />
      </div>
      <Text size="sm" style={{ width: 44, textAlign: 'right' }}>
        {pct}%
      </Text>
    </div>
  );
}
