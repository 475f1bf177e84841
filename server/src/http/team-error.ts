import type { TeamErrorCode } from '../../../src/shared/team/api';

/** An error the API answers with: a code from the shared list and a message a person can act on. */
export class TeamError extends Error {
  override readonly name = 'TeamError';
  constructor(
    readonly code: TeamErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function httpStatus(code: TeamErrorCode): number {
  switch (code) {
    case 'BAD_REQUEST':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'GONE':
      return 410;
    case 'INTEGRITY':
      return 422;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
    case 'CURSOR_INVALID':
      return 400;
    case 'CURSOR_RESET':
      return 410;
  }
}
