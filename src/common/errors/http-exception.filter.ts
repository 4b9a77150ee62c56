import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

const MESSAGES: Record<number, { title: string; text: string }> = {
  400: { title: 'Ungültige Anfrage', text: 'Die Anfrage enthält ungültige Angaben. Bitte prüfen Sie die Adresse oder das Formular.' },
  401: { title: 'Anmeldung erforderlich', text: 'Bitte melden Sie sich an, um diese Seite zu sehen.' },
  403: { title: 'Keine Berechtigung', text: 'Sie haben keine Berechtigung für diese Seite oder Aktion.' },
  404: { title: 'Seite nicht gefunden', text: 'Die angeforderte Seite gibt es nicht (mehr). Vielleicht hilft die Suche weiter.' },
  405: { title: 'Nicht erlaubt', text: 'Diese Aktion ist an dieser Adresse nicht möglich.' },
  413: { title: 'Anfrage zu groß', text: 'Die gesendeten Daten sind zu umfangreich.' },
  429: { title: 'Zu viele Anfragen', text: 'Bitte warten Sie einen Moment und versuchen Sie es dann erneut.' },
  500: { title: 'Interner Fehler', text: 'Leider ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.' },
};

function describe(status: number): { title: string; text: string } {
  return MESSAGES[status] ?? (status >= 500 ? MESSAGES[500] : MESSAGES[400]);
}

/** A German message meant for the user, carried by an HttpException (see UserFacingMessage). */
function userMessage(exception: HttpException): string | undefined {
  const body = exception.getResponse();
  if (typeof body === 'object' && body !== null && 'userMessage' in body && typeof body.userMessage === 'string') {
    return body.userMessage;
  }
  return undefined;
}

/**
 * Renders every error as a German page with the right status. Never shows a stack trace;
 * unexpected errors are logged and answered with a neutral 500 page.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
    let detail: string | undefined;
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      detail = userMessage(exception);
    } else if (isBodyParserError(exception)) {
      status = exception.status;
    }
    if (status >= 500) {
      this.logger.error(`${req.method} ${req.path}: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const { title, text } = describe(status);
    res.status(status).render('errors/error', { pageTitle: title, status, title, text: detail ?? text });
  }
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    'status' in e &&
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 500 &&
    'type' in e
  );
}
