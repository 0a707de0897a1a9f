import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';

/** `/incidents?status=open` as a router link (path + search object). */
export function DrillLink({ href, children, testId }: { href: string; children: React.ReactNode; testId?: string }) {
  const [path, qs] = href.split('?');
  const search = Object.fromEntries(new URLSearchParams(qs ?? ''));
  return (
    <Anchor component={Link} to={path as never} search={search as never} size="sm" data-testid={testId}>
      {children}
    </Anchor>
  );
}
