import { invalid, type FieldError } from '../../platform/errors/app-error';
export { conflict, notFound, unprocessable } from '../../platform/errors/app-error';

/** One 400 naming every problem, or nothing: input is applied whole or not at all. */
export function refuseWith(errors: FieldError[], what = 'request'): void {
  if (errors.length) throw invalid(errors.slice(0, 1000), `${errors.length} problem(s) in the ${what}; nothing was changed.`);
}
