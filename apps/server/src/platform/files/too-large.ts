import { AppError } from '../errors/app-error';

/** 413: the input (or what it unpacks to) is over a limit; `path` names the field or part that is. */
export const tooLarge = (detail: string, path = 'body') => new AppError('payload-too-large', detail, [{ path, message: detail }]);

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 102.4) / 10} MB`;
