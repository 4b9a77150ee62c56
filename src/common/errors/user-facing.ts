import { ForbiddenException, NotFoundException } from '@nestjs/common';

/** A 404 with a German message shown on the error page. */
export function notFound(userMessage: string): NotFoundException {
  return new NotFoundException({ userMessage });
}

/** A 403 with a German message shown on the error page. */
export function forbidden(userMessage: string): ForbiddenException {
  return new ForbiddenException({ userMessage });
}
