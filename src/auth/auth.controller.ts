import { Body, Controller, Get, HttpException, HttpStatus, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { LOGIN_FORM } from './auth.forms.js';
import { csrfTokenFor } from './csrf.js';
import { AuthService } from './auth.service.js';
import { sessionCookieName, sessionCookieOptions } from './auth.setup.js';
import { LoginDto } from './dto/login.dto.js';
import { LOGIN_THROTTLE } from './login-throttle.service.js';
import { afterLoginPath, safeNextPath } from './next-path.js';
import { clientIp, destroySession, noStore, regenerateSession, saveSession } from './session-helpers.js';
import { CurrentViewer, type Viewer } from './viewer.js';

const NOTICES: Record<string, string> = {
  gesetzt: 'Ihr Passwort ist gesetzt. Bitte melden Sie sich jetzt damit an.',
  abgemeldet: 'Sie sind abgemeldet.',
  'email-geaendert': 'Ihre neue E-Mail-Adresse ist bestätigt. Bitte melden Sie sich damit an.',
};

/** Same answer for an unknown email, a wrong password and a disabled account (no account enumeration). */
const INVALID_CREDENTIALS = 'E-Mail-Adresse oder Passwort ist nicht richtig.';

function nextFromBody(body: unknown): string {
  return safeNextPath(typeof body === 'object' && body !== null ? (body as Record<string, unknown>).next : undefined);
}

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('anmelden')
  loginPage(@Query('next') rawNext: unknown, @Query('hinweis') rawNotice: unknown, @CurrentViewer() viewer: Viewer, @Res() res: Response): void {
    const next = safeNextPath(rawNext);
    noStore(res);
    if (viewer.kind === 'member') {
      res.redirect(302, afterLoginPath(next));
      return;
    }
    res.render('auth/login', {
      pageTitle: 'Anmelden',
      form: formView(LOGIN_FORM),
      next,
      notice: typeof rawNotice === 'string' ? (NOTICES[rawNotice] ?? null) : null,
    });
  }

  @Post('anmelden')
  async login(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    noStore(res);
    const next = nextFromBody(body);
    const model = { pageTitle: 'Anmelden', next, notice: null };
    const values = readForm(LOGIN_FORM, body);
    const result = await validateForm(LOGIN_FORM, LoginDto, values);
    if (!result.ok) return renderInvalid(res, 'auth/login', LOGIN_FORM, values, result.errors, model);

    const outcome = await this.auth.login(result.value.email, result.value.password, clientIp(req));
    if (outcome.kind === 'throttled') {
      res.setHeader('Retry-After', String(LOGIN_THROTTLE.windowMinutes * 60));
      throw new HttpException(
        {
          userMessage: `Zu viele fehlgeschlagene Anmeldeversuche. Aus Sicherheitsgründen ist die Anmeldung vorübergehend gesperrt. Bitte versuchen Sie es in ${LOGIN_THROTTLE.windowMinutes} Minuten erneut oder lassen Sie sich von der Administration einen Link zum Setzen eines neuen Passworts geben.`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (outcome.kind === 'invalid') {
      return renderInvalid(res, 'auth/login', LOGIN_FORM, values, { email: INVALID_CREDENTIALS }, model);
    }

    await regenerateSession(req);
    req.session.accountId = outcome.account.id;
    csrfTokenFor(req); // stored with the login, so the first page's forms cost no second write
    await saveSession(req);
    res.redirect(303, outcome.account.mustChangePassword ? '/konto/passwort' : afterLoginPath(next));
  }

  @Post('abmelden')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const name = sessionCookieName(req, this.config);
    await destroySession(req);
    res.clearCookie(name, sessionCookieOptions(name.startsWith('__Host-')));
    noStore(res);
    res.redirect(303, '/anmelden?hinweis=abgemeldet');
  }
}
