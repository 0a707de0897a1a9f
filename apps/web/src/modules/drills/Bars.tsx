import { Box, Group, Text } from '@mantine/core';

/** A rate as a plain horizontal bar with its figure (no chart library: a table cell stays a table cell). */
export function RateBar({ value, color, testId }: { value: number; color: string; testId?: string }) {
  return (
    <Group gap={6} wrap="nowrap" data-testid={testId}>
      <Box w={90} h={10} bg="gray.2" style={{ borderRadius: 4, overflow: 'hidden', flexShrink: 0 }} aria-hidden>
        <Box h={10} w={`${Math.min(100, value)}%`} bg={color} />
      </Box>
      <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value.toFixed(1)}%
      </Text>
    </Group>
  );
}
