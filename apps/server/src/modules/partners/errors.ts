import { invalid, msg, type FieldError } from '../../platform/errors/app-error';
export { conflict, notFound, unprocessable } from '../../platform/errors/app-error';

/** One 400 naming every problem, or nothing: input is applied whole or not at all. */
export function refuseWith(errors: FieldError[], what: 'request' | 'workbook' = 'request'): void {
  if (errors.length)
    throw invalid(
      errors.slice(0, 1000),
      msg(what === 'workbook' ? 'partner.problems_in_workbook' : 'partner.problems_in_request', { count: errors.length }),
    );
}
