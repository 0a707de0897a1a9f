import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { showToast } from './toasts';

/** Puts the problem document's per-field errors next to the form's fields (`body.email` → `email`). */
export function applyProblem(form: { setErrors: (errors: Record<string, string>) => void }, error: unknown): void {
  if (error instanceof ApiError) form.setErrors(error.fieldErrors());
}

/** The problem's title (translated by its code) and the server's detail, for errors not tied to one field. */
/** `listErrors={false}` when the caller shows the problem's `errors` itself (CSV import table). */
export function ProblemAlert({ error, testId, listErrors = true }: { error: unknown; testId?: string; listErrors?: boolean }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : 'network';
  const detail = error instanceof ApiError ? error.detail : error instanceof Error ? error.message : undefined;
  const fieldless =
    listErrors && error instanceof ApiError ? error.errors.filter((e) => !/^(body|query|params)\./.test(e.path)) : [];
  return (
    <Alert color="red" title={t(`problems.${code}`, { defaultValue: t('problems.generic') })} data-testid={testId ?? 'problem'}>
      {detail}
      {fieldless.length > 0 && (
        <ul data-testid="problem-errors">
          {fieldless.map((e, i) => (
            <li key={i}>
              {e.path}: {ApiError.errorText(e)}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/** A green toast (its code is loaded with the first toast: components/toasts.tsx). */
export function notifySuccess(message: string): void {
  showToast({ color: 'green', message });
}

/** The problem's message for one field (for inputs not managed by a mantine form). */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors()[field] : undefined;
}
