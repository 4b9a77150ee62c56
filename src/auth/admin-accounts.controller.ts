import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { FormRejected, formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { RequireAdmin } from './access.js';
import { AccountsService } from './accounts.service.js';
import { CREATE_ACCOUNT_FORM } from './auth.forms.js';
import { accountRow, linkView, personOptions } from './auth.view-model.js';
import { CreateAccountDto } from './dto/create-account.dto.js';
import { noStore } from './session-helpers.js';
import { CurrentViewer, type Viewer } from './viewer.js';

/** Account administration; the guard keeps others out, AccountsService checks again. */
@Controller('admin/konten')
@RequireAdmin()
export class AdminAccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  async index(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const accounts = await this.accounts.list(viewer);
    noStore(res);
    res.render('admin/accounts', {
      pageTitle: 'Konten verwalten',
      accounts: accounts.map((a) => accountRow(a, viewer.kind === 'member' ? viewer.accountId : 0)),
    });
  }

  @Get('neu')
  async newPage(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const people = await this.accounts.peopleWithoutAccount(viewer);
    noStore(res);
    res.render('admin/account-new', { pageTitle: 'Konto anlegen', form: formView(CREATE_ACCOUNT_FORM, {}, {}, { personId: personOptions(people) }) });
  }

  @Post()
  async create(@CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    noStore(res);
    const options = { personId: personOptions(await this.accounts.peopleWithoutAccount(viewer)) };
    const model = { pageTitle: 'Konto anlegen' };
    const values = readForm(CREATE_ACCOUNT_FORM, body);
    const result = await validateForm(CREATE_ACCOUNT_FORM, CreateAccountDto, values);
    if (!result.ok) return renderInvalid(res, 'admin/account-new', CREATE_ACCOUNT_FORM, values, result.errors, model, options);
    try {
      const link = await this.accounts.create(viewer, {
        email: result.value.email,
        personId: result.value.personId === '' ? null : Number(result.value.personId),
        isAdmin: result.value.isAdmin === 'on',
      });
      res.status(201).render('admin/account-link', { pageTitle: 'Konto angelegt', created: true, link: linkView(link) });
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'admin/account-new', CREATE_ACCOUNT_FORM, values, e.errors, model, options);
      throw e;
    }
  }

  @Post(':id/passwort-link')
  async createLink(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Res() res: Response): Promise<void> {
    const link = await this.accounts.createSetPasswordLink(viewer, id);
    noStore(res);
    res.status(201).render('admin/account-link', { pageTitle: 'Link zum Passwortsetzen', created: false, link: linkView(link) });
  }

  @Post(':id/sperren')
  async disable(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Res() res: Response): Promise<void> {
    await this.accounts.setDisabled(viewer, id, true);
    res.redirect(303, '/admin/konten');
  }

  @Post(':id/entsperren')
  async enable(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Res() res: Response): Promise<void> {
    await this.accounts.setDisabled(viewer, id, false);
    res.redirect(303, '/admin/konten');
  }
}
