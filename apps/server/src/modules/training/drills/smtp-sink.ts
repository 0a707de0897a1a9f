import { SMTPServer } from 'smtp-server';

/** A mail the sink received: its recipients and its raw text with quoted-printable soft breaks undone. */
export interface SunkMail {
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on a free local port, for tests and e2e: it accepts every mail and keeps it. Point
 * MAMORI_SMTP_URL at `url`.
 */
export async function startSmtpSink(): Promise<{ url: string; mails: SunkMail[]; close(): Promise<void> }> {
  const mails: SunkMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks)
          .toString('utf8')
          .replace(/=\r?\n/g, '')
          .replace(/=3D/g, '=');
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** The token of a drill mail's link of the given kind (c: click, o: open, r: report). */
export const tokenIn = (raw: string, kind: 'c' | 'o' | 'r' = 'c') =>
  new RegExp(`/api/drill-links/${kind}/([A-Za-z0-9_-]+)`).exec(raw)?.[1];
