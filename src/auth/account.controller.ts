import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { notFound } from '../common/errors/user-facing.js';
import { FormRejected, formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { RequireMember, assertMember } from './access.js';
import { AccountsService } from './accounts.service.js';
import { CHANGE_EMAIL_FORM, CHANGE_PASSWORD_FORM, SET_PASSWORD_FORM } from './auth.forms.js';
import { ChangeEmailDto } from './dto/change-email.dto.js';
import { EmailChangeService } from './email-change.service.js';
import { accountSummary } from './auth.view-model.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { SetPasswordDto } from './dto/set-password.dto.js';
import { PasswordResetService } from './password-reset.service.js';
import { noStore, regenerateSession, saveSession } from './session-helpers.js';
import { CurrentViewer, type Viewer } from './viewer.js';

/** Tokens are 32 random bytes in base64url; anything else is not worth a database lookup. */
function checkTokenShape(token: string): void {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound('Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt.');
}

const ACCOUNT_NOTICES: Record<string, string> = {
  'passwort-geaendert': 'Ihr Passwort wurde geändert. Andere Sitzungen mit diesem Konto wurden beendet.',
  'email-angefragt': 'Wir haben einen Link an die neue Adresse geschickt. Erst wenn Sie ihn öffnen und bestätigen, gilt sie. Ihre bisherige Adresse wurde benachrichtigt.',
  'email-geaendert': 'Ihre neue E-Mail-Adresse ist bestätigt. Sie melden sich ab jetzt damit an.',
};

@Controller('konto')
export class AccountController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly passwordReset: PasswordResetService,
    private readonly emailChange: EmailChangeService,
  ) {}

  @Get()
  @RequireMember()
  async overview(@CurrentViewer() viewer: Viewer, @Query('hinweis') rawNotice: unknown, @Res() res: Response): Promise<void> {
    assertMember(viewer, '/konto');
    const account = await this.accounts.findWithPerson(viewer.accountId);
    if (!account) throw notFound('Dieses Konto gibt es nicht mehr.');
    noStore(res);
    res.render('auth/account', {
      pageTitle: 'Mein Konto',
      account: accountSummary(account),
      notice: typeof rawNotice === 'string' ? (ACCOUNT_NOTICES[rawNotice] ?? null) : null,
    });
  }

  @Get('passwort')
  @RequireMember()
  async changePasswordPage(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    noStore(res);
    res.render('auth/change-password', { pageTitle: 'Passwort ändern', form: formView(CHANGE_PASSWORD_FORM), mustChange: await this.mustChange(viewer) });
  }

  @Post('passwort')
  @RequireMember()
  async changePassword(@CurrentViewer() viewer: Viewer, @Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    noStore(res);
    const model = { pageTitle: 'Passwort ändern', mustChange: await this.mustChange(viewer) };
    const values = readForm(CHANGE_PASSWORD_FORM, body);
    const result = await validateForm(CHANGE_PASSWORD_FORM, ChangePasswordDto, values);
    if (!result.ok) return renderInvalid(res, 'auth/change-password', CHANGE_PASSWORD_FORM, values, result.errors, model);
    try {
      await this.accounts.changeOwnPassword(viewer, result.value.currentPassword, result.value.newPassword, req.sessionID);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'auth/change-password', CHANGE_PASSWORD_FORM, values, e.errors, model);
      throw e;
    }
    if (viewer.kind === 'member') {
      await regenerateSession(req);
      req.session.accountId = viewer.accountId;
      await saveSession(req);
    }
    res.redirect(303, '/konto?hinweis=passwort-geaendert');
  }

  @Get('email')
  @RequireMember()
  async changeEmailPage(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    noStore(res);
    res.render('auth/change-email', { pageTitle: 'E-Mail-Adresse ändern', currentEmail: await this.currentEmail(viewer), form: formView(CHANGE_EMAIL_FORM) });
  }

  @Post('email')
  @RequireMember()
  async changeEmail(@CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    noStore(res);
    const model = { pageTitle: 'E-Mail-Adresse ändern', currentEmail: await this.currentEmail(viewer) };
    const values = readForm(CHANGE_EMAIL_FORM, body);
    const result = await validateForm(CHANGE_EMAIL_FORM, ChangeEmailDto, values);
    if (!result.ok) return renderInvalid(res, 'auth/change-email', CHANGE_EMAIL_FORM, values, result.errors, model);
    try {
      await this.emailChange.request(viewer, result.value.newEmail, result.value.currentPassword);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'auth/change-email', CHANGE_EMAIL_FORM, values, e.errors, model);
      throw e;
    }
    res.redirect(303, '/konto?hinweis=email-angefragt');
  }

  /** The link in the mail to the new address: shows what will change; only the button (POST) changes it. */
  @Get('email-bestaetigen/:token')
  async confirmEmailPage(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const pending = await this.emailChange.pending(token);
    noStore(res);
    res.render('auth/confirm-email', { pageTitle: 'Neue E-Mail-Adresse bestätigen', oldEmail: pending.account.email, newEmail: pending.newEmail, action: `/konto/email-bestaetigen/${token}` });
  }

  @Post('email-bestaetigen/:token')
  async confirmEmail(@Param('token') token: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    noStore(res);
    await this.emailChange.confirm(token);
    res.redirect(303, viewer.kind === 'member' ? '/konto?hinweis=email-geaendert' : '/anmelden?hinweis=email-geaendert');
  }

  @Get('passwort-setzen/:token')
  async setPasswordPage(@Param('token') token: string, @Res() res: Response): Promise<void> {
    checkTokenShape(token);
    const account = await this.accounts.accountForToken(token);
    noStore(res);
    res.render('auth/set-password', { pageTitle: 'Passwort setzen', email: account.email, action: `/konto/passwort-setzen/${token}`, form: formView(SET_PASSWORD_FORM) });
  }

  @Post('passwort-setzen/:token')
  async setPassword(@Param('token') token: string, @Body() body: unknown, @Res() res: Response): Promise<void> {
    checkTokenShape(token);
    noStore(res);
    const account = await this.accounts.accountForToken(token);
    const model = { pageTitle: 'Passwort setzen', email: account.email, action: `/konto/passwort-setzen/${token}` };
    const values = readForm(SET_PASSWORD_FORM, body);
    const result = await validateForm(SET_PASSWORD_FORM, SetPasswordDto, values);
    if (!result.ok) return renderInvalid(res, 'auth/set-password', SET_PASSWORD_FORM, values, result.errors, model);
    try {
      await this.passwordReset.completeWithToken(token, result.value.newPassword);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'auth/set-password', SET_PASSWORD_FORM, values, e.errors, model);
      throw e;
    }
    res.redirect(303, '/anmelden?hinweis=gesetzt');
  }

  private async currentEmail(viewer: Viewer): Promise<string> {
    assertMember(viewer, '/konto/email');
    return (await this.accounts.findById(viewer.accountId))?.email ?? '';
  }

  private async mustChange(viewer: Viewer): Promise<boolean> {
    if (viewer.kind !== 'member') return false;
    return (await this.accounts.findById(viewer.accountId))?.mustChangePassword ?? false;
  }
}
