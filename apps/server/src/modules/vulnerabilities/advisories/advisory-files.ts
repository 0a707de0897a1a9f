import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { notFound } from '../../../platform/errors/app-error';
import type { CsafFile } from './csaf-files';
import type { CsafLang } from './csaf-texts';
import { advisories, advisoryFiles } from '../tables';

/** Replaces an advisory's distributed files with those of its new revision (inside the publishing transaction). */
export async function replaceAdvisoryFiles(tx: Db, advisoryId: string, revision: number, files: CsafFile[], at: Date) {
  await tx.delete(advisoryFiles).where(eq(advisoryFiles.advisoryId, advisoryId));
  await tx.insert(advisoryFiles).values(
    files.map((f) => ({
      advisoryId,
      lang: f.lang,
      trackingId: f.trackingId,
      path: f.path,
      revision,
      content: f.content,
      sha512: f.sha512,
      signature: f.signature,
      signingKeyFingerprint: f.signingKeyFingerprint,
      publishedAt: at,
    })),
  );
}

/** A distributed file by its path under /.well-known/csaf/white/ (`2026/mamori-sa-2026-0001-ja.json`). */
export async function fileByPath(db: Db, path: string) {
  const [row] = await db.select().from(advisoryFiles).where(eq(advisoryFiles.path, path));
  if (!row) throw notFound('The CSAF document');
  return row;
}

/** The distributed file of an advisory in one language. */
export async function fileOf(db: Db, advisoryId: string, lang: CsafLang) {
  const [row] = await db
    .select()
    .from(advisoryFiles)
    .where(and(eq(advisoryFiles.advisoryId, advisoryId), eq(advisoryFiles.lang, lang)));
  if (!row) throw notFound(`The ${lang} CSAF document of this advisory`);
  return row;
}

/** Every distributed file with its advisory's snapshot, newest revision first (for the ROLIE feed). */
export function feedFiles(db: Db) {
  return db
    .select({
      lang: advisoryFiles.lang,
      trackingId: advisoryFiles.trackingId,
      path: advisoryFiles.path,
      document: advisories.document,
    })
    .from(advisoryFiles)
    .innerJoin(advisories, eq(advisories.id, advisoryFiles.advisoryId))
    .orderBy(desc(advisories.currentReleaseAt), advisoryFiles.lang);
}
