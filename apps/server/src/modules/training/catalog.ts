import { CreateCourseBody, CurriculumBody, PledgeBody, SelfCheckQuestion } from '@mamori/contracts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The training catalogue (catalogs/training/*.json, ja + en): the courses seed 004 lists with their quizzes, the
 * curricula that assign them, the three pledge texts and a compliance self-check questionnaire. Checked against the
 * API's own schemas when read, so the catalogue cannot hold what the API would refuse.
 */
const dir = (name: string) => fileURLToPath(new URL(`../../../../../catalogs/training/${name}.json`, import.meta.url));
const read = <S extends z.ZodType>(name: string, schema: S): z.output<S> => {
  const parsed = schema.safeParse(JSON.parse(readFileSync(dir(name), 'utf8')));
  if (!parsed.success) throw new Error(`catalogs/training/${name}.json is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

const CatalogCurriculum = CurriculumBody.omit({ courseIds: true }).extend({ courses: z.array(z.string()).min(1) });
const CatalogSelfCheck = z.object({
  titleJa: z.string(),
  titleEn: z.string(),
  questions: z.array(SelfCheckQuestion.omit({ followUpCourseId: true }).extend({ followUpCourse: z.string().nullable() })),
});

export const trainingCatalog = () => ({
  courses: read('courses', z.array(CreateCourseBody)),
  curricula: read('curricula', z.array(CatalogCurriculum)),
  pledges: read('pledges', z.array(PledgeBody)),
  selfCheck: read('self-check', CatalogSelfCheck),
});
