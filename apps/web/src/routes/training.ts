import { page, withTexts } from './base';

const trainingRoute = page(
  '/training',
  withTexts(['training'], () => import('../modules/training/MyTrainingPage')),
  'MyTrainingPage',
);
const takeCourseRoute = page(
  '/training/assignments/$id',
  withTexts(['training'], () => import('../modules/training/TakeCoursePage')),
  'TakeCoursePage',
);
const trainingCompletionRoute = page(
  '/training/completion',
  withTexts(['training'], () => import('../modules/training/CompletionPage')),
  'CompletionPage',
);
const coursesRoute = page(
  '/training/courses',
  withTexts(['training'], () => import('../modules/training/CoursesPage')),
  'CoursesPage',
);
const curriculaRoute = page(
  '/training/curricula',
  withTexts(['training'], () => import('../modules/training/CurriculaPage')),
  'CurriculaPage',
);
const pledgesRoute = page(
  '/training/pledges',
  withTexts(['training'], () => import('../modules/training/PledgesPage')),
  'PledgesPage',
);
const selfChecksRoute = page(
  '/training/self-checks',
  withTexts(['training'], () => import('../modules/training/SelfChecksPage')),
  'SelfChecksPage',
);
const selfCheckRoute = page(
  '/training/self-checks/$id',
  withTexts(['training'], () => import('../modules/training/SelfChecksPage')),
  'SelfCheckPage',
);

export const trainingRoutes = [
  trainingRoute,
  takeCourseRoute,
  trainingCompletionRoute,
  coursesRoute,
  curriculaRoute,
  pledgesRoute,
  selfChecksRoute,
  selfCheckRoute,
] as const;
