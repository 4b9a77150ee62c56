import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { RESET_LINK_MINUTES } from './accounts.service.js';
import { FORGOT_PASSWORD_FORM } from './auth.forms.js';
import { ForgotPasswordDto } from './dto/forgot-password.dto.js';
import { RESET_THROTTLE } from './login-throttle.service.js';
import { PasswordResetService } from './password-reset.service.js';
import { clientIp, noStore } from './session-helpers.js';

const VIEW = 'auth/forgot-password';
const TITLE = 'Passwort vergessen';

/** The same text whether or not the address has an account (no account enumeration). */
const SENT = `Wenn es zu dieser Adresse einen Zugang gibt, haben wir soeben einen Link zum Setzen eines neuen Passworts dorthin geschickt. Der Link gilt ${RESET_LINK_MINUTES} Minuten und nur einmal. Kommt keine E-Mail an, sehen Sie bitte auch im Spam-Ordner nach oder wenden Sie sich an die Administration.`;

const THROTTLED = `Zu viele Anfragen in kurzer Zeit. Bitte warten Sie ${RESET_THROTTLE.windowMinutes} Minuten und versuchen Sie es dann erneut. Eine schon verschickte E-Mail bleibt gültig.`;

/** "Passwort vergessen": ask for a link to set a new password (linked from the login page). */
@Controller('passwort-vergessen')
export class PasswordResetController {
  constructor(private readonly reset: PasswordResetService) {}

  @Get()
  page(@Query('hinweis') rawNotice: unknown, @Res() res: Response): void {
    noStore(res);
    res.render(VIEW, { pageTitle: TITLE, form: formView(FORGOT_PASSWORD_FORM), notice: rawNotice === 'gesendet' ? SENT : null, linkMinutes: RESET_LINK_MINUTES });
  }

  @Post()
  async request(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    noStore(res);
    const model = { pageTitle: TITLE, notice: null, linkMinutes: RESET_LINK_MINUTES };
    const values = readForm(FORGOT_PASSWORD_FORM, body);
    const result = await validateForm(FORGOT_PASSWORD_FORM, ForgotPasswordDto, values);
    if (!result.ok) return renderInvalid(res, VIEW, FORGOT_PASSWORD_FORM, values, result.errors, model);
    const outcome = await this.reset.request(result.value.email, clientIp(req));
    if (outcome.kind === 'throttled') {
      res.setHeader('Retry-After', String(RESET_THROTTLE.windowMinutes * 60));
      return renderInvalid(res, VIEW, FORGOT_PASSWORD_FORM, values, { email: THROTTLED }, model, {}, 429);
    }
    res.redirect(303, '/passwort-vergessen?hinweis=gesendet');
  }
}
