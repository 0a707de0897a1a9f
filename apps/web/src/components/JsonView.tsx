import { Code } from '@mantine/core';

export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <Code block data-testid={testId}>
      {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </Code>
  );
}
